import type { VoxyClientMessages } from "@wiretype/voxy/types";

/** A video call (media_type 2) started from the web, with no fees, as a plain incoming call. */
export function callRequest(self: string, peer: string, usedPhone: 0 | 1): VoxyClientMessages["call_remote"] {
  return {
    action: "call_remote",
    user_id: self,
    user_img: "",
    user_name: self,
    to_userid: peer,
    used_phone: usedPhone,
    media_type: 2,
    user_voice_fee: 0,
    user_text_fee: 0,
    user_video_fee: 0,
    to_user_os_type: 1,
    user_age: 0,
    to_user_token: "",
    connection_mode: "0",
  };
}

/** The callee's decision: 1 accepts, 0 rejects. */
export function callDecision(
  self: string,
  caller: string,
  usedPhone: 0 | 1,
): VoxyClientMessages["call_remote_callback"] {
  return {
    action: "call_remote_callback",
    user_id: self,
    to_userid: caller,
    used_phone: usedPhone,
    media_type: 2,
    to_user_token: "",
    connection_mode: "0",
  };
}

export function hangUpMessage(self: string, peer: string, seconds: number): VoxyClientMessages["cancel_phone"] {
  return { action: "cancel_phone", user_id: self, to_userid: peer, time: String(Math.round(seconds)) };
}
