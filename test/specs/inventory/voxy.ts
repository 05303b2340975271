import type { SeedInventory } from "./types.js";

const mediaFields = [
  "media",
  "media.file",
  "media.file[].file_id",
  "media.file[].file_url",
  "media.file[].file_length",
  "media.file[].file_preview",
  "media.file[].diamond",
  "media.file[].islock",
];

/** Every message and field named by `seeds/000_0723267bda1cbe05.txt` (voxy socket & rtc), kept by hand. */
export const voxyInventory: SeedInventory = {
  document: "000_0723267bda1cbe05.txt",
  messages: [
    // 1.建立連線 接收訊息
    {
      message: "link_on",
      sender: "server",
      fields: [
        "action",
        "content",
        "link_id",
        "category",
        "iceserver_config",
        "iceserver_config.iceServers",
        "iceserver_config.iceServers.urls",
        "iceserver_config.iceServers.username",
        "iceserver_config.iceServers.credential",
      ],
    },
    // 2.綁定會員id 傳送參數
    {
      message: "bind",
      sender: "client",
      fields: ["action", "user_id", "user_img", "user_name", "link_id", "to_userid"],
    },
    // 2.綁定會員id 接收訊息
    {
      message: "bind",
      sender: "server",
      fields: ["action", "content", "link_id", "time", "list", "category"],
    },
    // 3. 傳送訊息
    {
      message: "say",
      sender: "client",
      fields: [
        "action",
        "type",
        "user_id",
        "user_img",
        "user_name",
        "to_userid",
        "to_username",
        "content",
        "category",
        ...mediaFields,
        "to_user_os_type",
        "to_user_token",
        "to_user_chat_pn",
        "sensitive",
      ],
    },
    // 3. 傳送訊息 接收訊息
    {
      message: "say",
      sender: "server",
      fields: [
        "action",
        "content",
        "link_id",
        "time",
        "list",
        "to_userid",
        "to_userimg",
        "to_username",
        "category",
        ...mediaFields,
      ],
    },
    // 4. 心跳檢測
    { message: "ping", sender: "client", fields: ["action", "link_id"] },
    // 5. 發起詢問是否接聽電話 (對象:發送方)
    {
      message: "call_remote",
      sender: "client",
      fields: [
        "action",
        "user_id",
        "user_img",
        "user_name",
        "to_userid",
        "used_phone",
        "media_type",
        "user_voice_fee",
        "user_text_fee",
        "user_video_fee",
        "to_user_os_type",
        "user_age",
        "to_user_token",
        "connection_mode",
      ],
    },
    // 確認是否接聽 (對象:接收方)
    {
      message: "call_remote_callback",
      sender: "client",
      fields: [
        "action",
        "user_id",
        "user_img",
        "user_name",
        "to_userid",
        "used_phone",
        "media_type",
        "to_user_voice_fee",
        "to_user_text_fee",
        "to_user_video_fee",
        "to_user_token",
        "connection_mode",
      ],
    },
    // ps1/ps2: used_phone received by the callee (0, 3, 2, 4) and by the caller (1, 3, 2, 4)
    { message: "call_remote_callback", sender: "server", fields: ["action", "used_phone"] },
    // create_offer 並發client_offer 通知給對方
    {
      message: "client_offer",
      sender: "client",
      fields: ["action", "user_id", "user_img", "user_name", "to_userid", "info"],
    },
    // RTC client_offer 回傳
    { message: "client_offer", sender: "server", fields: ["action", "info"] },
    // RTC 接收到client_offer後 create_answer 並發client_answer 通知給對方
    {
      message: "client_answer",
      sender: "client",
      fields: ["action", "user_id", "user_img", "user_name", "to_userid", "info"],
    },
    // RTC client_answer 回傳
    { message: "client_answer", sender: "server", fields: ["action", "info"] },
    // RTC client_candidate
    {
      message: "client_candidate",
      sender: "client",
      fields: ["action", "user_id", "user_img", "user_name", "to_userid", "ice_sdp", "ice_index", "ice_mid"],
    },
    // RTC client_candidate 回傳
    {
      message: "client_candidate",
      sender: "server",
      fields: ["action", "ice_sdp", "ice_index", "ice_mid", "logid"],
    },
    // 6.掛電話
    {
      message: "cancel_phone",
      sender: "client",
      fields: ["action", "user_id", "user_img", "user_name", "to_userid", "time"],
    },
  ],
};
