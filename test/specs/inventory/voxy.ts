import { field, type InventoryField, type SeedInventory } from "./types.js";

/*
 * Every message and field named by `seeds/000_0723267bda1cbe05.txt` (voxy, Traditional Chinese), kept by
 * hand from the document. The document lost its line breaks: everything is on line 1. Types from the
 * type columns (`int` is integer, `json` object); required from the must column (T/F), and for the
 * server's tables (no must column) every field shown. `media` is typed string but shown as the JSON
 * object of format 2, and `info` is typed string but named a "description物件" (object): the document
 * says both, so both are its types.
 */

const line = 1;
const text = ["string", "object"] as const;

function action(name: string): InventoryField {
  return field("action", "string", true, line, { values: [name] });
}

/** Own id, avatar and nickname, and the other member's id: the header of every client call frame. */
function who(avatarRequired: boolean): InventoryField[] {
  return [
    field("user_id", "string", true, line),
    field("user_img", "string", avatarRequired, line),
    field("user_name", "string", avatarRequired, line),
    field("to_userid", "string", true, line),
  ];
}

/** Format 2 (格式2), the files of a chat message, as its JSON example shows them. */
const media: InventoryField[] = [
  field("media", text, true, line),
  field("media.file", "array", true, line),
  field("media.file[].file_id", "string", true, line),
  field("media.file[].file_url", "string", true, line),
  field("media.file[].file_length", "string", true, line),
  field("media.file[].file_preview", "string", true, line),
  field("media.file[].diamond", "string", true, line),
  field("media.file[].islock", "boolean", true, line),
];

const sayTypes = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13"];
const mediaType = { values: [1, 2] };
const connectionMode = { values: ["0", "1", "2"] };

export const voxyInventory: SeedInventory = {
  document: "000_0723267bda1cbe05.txt",
  messages: [
    // 1.建立連線 接收訊息
    {
      message: "link_on",
      sender: "server",
      fields: [
        action("link_on"),
        field("content", "string", true, line),
        field("link_id", "integer", true, line),
        field("category", "string", true, line, { values: ["system"] }),
        field("iceserver_config", "object", true, line),
        field("iceserver_config.iceServers", "object", true, line),
        field("iceserver_config.iceServers.urls", "array", true, line, {
          widened: { type: ["string", "array"], evidence: "urls may be a string or an array" },
        }),
        field("iceserver_config.iceServers.username", "string", true, line),
        field("iceserver_config.iceServers.credential", "string", true, line),
      ],
    },
    // 2.綁定會員id 傳送參數
    {
      message: "bind",
      sender: "client",
      fields: [
        action("bind"),
        field("user_id", "string", true, line),
        field("user_img", "string", false, line),
        field("user_name", "string", false, line),
        field("link_id", "integer", true, line),
        field("to_userid", "string", true, line, { values: ["-1"] }),
      ],
    },
    // 2.綁定會員id 接收訊息
    {
      message: "bind",
      sender: "server",
      fields: [
        action("bind"),
        field("content", "string", true, line),
        field("link_id", "integer", true, line),
        field("time", "string", true, line),
        field("list", "array", true, line),
        field("category", "string", true, line),
      ],
    },
    // 3. 傳送訊息 (ps: category default talks to everyone; the demo is private)
    {
      message: "say",
      sender: "client",
      fields: [
        action("say"),
        field("type", "string", false, line, { values: sayTypes }),
        field("user_id", "string", true, line),
        field("user_img", "string", false, line),
        field("user_name", "string", false, line),
        field("to_userid", "string", true, line),
        field("to_username", "string", false, line),
        field("content", "string", true, line),
        field("category", "string", true, line, { values: ["default", "private"] }),
        ...media,
        field("to_user_os_type", "string", false, line, { values: ["1", "2"] }),
        field("to_user_token", "string", false, line),
        field("to_user_chat_pn", "string", false, line),
        field("sensitive", "string", false, line, { values: ["1", "0"] }),
      ],
    },
    // 3. 傳送訊息 接收訊息
    {
      message: "say",
      sender: "server",
      fields: [
        action("say"),
        field("content", "string", true, line),
        field("link_id", "integer", true, line),
        field("time", "string", true, line),
        field("list", "array", true, line),
        field("to_userid", "string", true, line),
        field("to_userimg", "string", true, line),
        field("to_username", "string", true, line),
        field("category", "string", true, line),
        ...media,
      ],
    },
    // 4. 心跳檢測
    {
      message: "ping",
      sender: "client",
      fields: [action("ping"), field("link_id", "string", true, line)],
    },
    // 發起詢問是否接聽電話 (對象:發送方): every row T
    {
      message: "call_remote",
      sender: "client",
      fields: [
        action("call_remote"),
        ...who(true),
        field("used_phone", "integer", true, line, { values: [1, 0] }),
        field("media_type", "integer", true, line, mediaType),
        field("user_voice_fee", "integer", true, line),
        field("user_text_fee", "integer", true, line),
        field("user_video_fee", "integer", true, line),
        field("to_user_os_type", "integer", true, line, { values: [1, 2] }),
        field("user_age", "integer", true, line),
        field("to_user_token", "string", true, line),
        field("connection_mode", "string", true, line, connectionMode),
      ],
    },
    // 確認是否接聽 (對象:接收方): sent 1 agree, 0 reject (call_remote ps2), 3 reject (its own ps1)
    {
      message: "call_remote_callback",
      sender: "client",
      fields: [
        action("call_remote_callback"),
        ...who(false),
        field("used_phone", "integer", true, line, { values: [1, 0, 3] }),
        field("media_type", "integer", true, line, mediaType),
        field("to_user_voice_fee", "integer", false, line),
        field("to_user_text_fee", "integer", false, line),
        field("to_user_video_fee", "integer", false, line),
        field("to_user_token", "string", true, line),
        field("connection_mode", "string", true, line, connectionMode),
      ],
    },
    // ps1/ps2: what the callee (0, 3, 2, 4) and the caller (1, 3, 2, 4) receive
    {
      message: "call_remote_callback",
      sender: "server",
      fields: [action("call_remote_callback"), field("used_phone", "integer", true, line, { values: [0, 1, 2, 3, 4] })],
    },
    // create_offer 並發client_offer 通知給對方
    {
      message: "client_offer",
      sender: "client",
      fields: [action("client_offer"), ...who(false), field("info", text, true, line)],
    },
    // RTC client_offer 回傳
    { message: "client_offer", sender: "server", fields: [action("client_offer"), field("info", text, true, line)] },
    // RTC 接收到client_offer後 create_answer 並發client_answer 通知給對方
    {
      message: "client_answer",
      sender: "client",
      fields: [action("client_answer"), ...who(false), field("info", text, true, line)],
    },
    // RTC client_answer 回傳
    { message: "client_answer", sender: "server", fields: [action("client_answer"), field("info", text, true, line)] },
    // RTC client_candidate
    {
      message: "client_candidate",
      sender: "client",
      fields: [
        action("client_candidate"),
        ...who(false),
        field("ice_sdp", "string", true, line),
        field("ice_index", "integer", true, line),
        field("ice_mid", "string", true, line),
      ],
    },
    // RTC client_candidate 回傳
    {
      message: "client_candidate",
      sender: "server",
      fields: [
        action("client_candidate"),
        field("ice_sdp", "string", true, line),
        field("ice_index", "integer", true, line),
        field("ice_mid", "string", true, line),
        field("logid", "string", true, line, { relaxed: { evidence: "the relayed copy may add `logid`" } }),
      ],
    },
    // 6.掛電話
    {
      message: "cancel_phone",
      sender: "client",
      fields: [action("cancel_phone"), ...who(false), field("time", "string", true, line)],
    },
  ],
};
