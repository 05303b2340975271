import { field, type InventoryField, type SeedInventory } from "./types.js";

/*
 * Every message and field named by `seeds/001_03f5997404932648.txt` (yueyue, Simplified Chinese), kept by
 * hand. The document types a few fields only (`int`, `string`); elsewhere the type is read from its text:
 * ids and counts are integers (its one id value is `user_id:1233`), names, URLs and texts strings, `sex`
 * and a seat's `status` integer codes, a seat's `microphone` (麦克风状态, an on/off state) a boolean. The
 * document has no required column: every field a structure shows is required.
 */

/** In signed client frames an id or timestamp may be an integer or a numeric string: the notes say so. */
const signedNumber = {
  widened: { type: ["integer", "string"], evidence: "an integer and a numeric string hash" },
} as const;

function action(name: string, line: number): InventoryField {
  return field("action", "string", true, line, { values: [name] });
}

/** The six fields of each `*_report` structure (§3.1), from its first line. */
function report(name: string, first: number): InventoryField[] {
  return [
    action(name, first),
    field("user_id", "integer", true, first + 1, signedNumber),
    field("online_token", "string", true, first + 2),
    field("sid", "string", true, first + 3),
    field("timestamp", "integer", true, first + 4, signedNumber),
    field("sign", "string", true, first + 5),
  ];
}

const segments = { values: ["newcomer", "talented", "professional", "stars", "millionaire", "VIP"] };

export const yueyueInventory: SeedInventory = {
  document: "001_03f5997404932648.txt",
  messages: [
    // 3.1 客户端请求服务端消息结构
    {
      message: "ping",
      sender: "client",
      fields: [
        action("ping", 54),
        field("online_token", "string", true, 55),
        field("timestamp", "integer", true, 56, signedNumber),
        field("sid", "string", true, 57),
        field("sign", "string", true, 58),
      ],
    },
    { message: "exit_room_report", sender: "client", fields: report("exit_room_report", 65) },
    { message: "hang_up_report", sender: "client", fields: report("hang_up_report", 77) },
    { message: "enter_room_report", sender: "client", fields: report("enter_room_report", 89) },
    { message: "send_topic_msg_report", sender: "client", fields: report("send_topic_msg_report", 101) },
    { message: "send_gift_report", sender: "client", fields: report("send_gift_report", 113) },
    { message: "up_deport", sender: "client", fields: report("up_deport", 125) },
    { message: "down_report", sender: "client", fields: report("down_report", 137) },
    // 3.2 服务端通知客户端的消息结构
    {
      message: "exit_room",
      sender: "server",
      fields: [
        action("exit_room", 150),
        field("user_id", "integer", true, 151),
        field("channel_name", "string", true, 152),
        field("room_seat", "object", true, 153),
        field("room_seat.id", "integer", true, 154),
        field("room_seat.status", "integer", true, 155),
        field("room_seat.microphone", "boolean", true, 156),
      ],
    },
    {
      message: "hang_up",
      sender: "server",
      fields: [
        action("hang_up", 163),
        field("user_id", "integer", true, 164),
        field("receiver_id", "integer", true, 165),
        field("channel_name", "string", true, 166),
      ],
    },
    {
      message: "enter_room",
      sender: "server",
      fields: [
        action("enter_room", 173),
        field("user_id", "integer", true, 174),
        field("nickname", "string", true, 175),
        field("sex", "integer", true, 176),
        field("avatar_url", "string", true, 177),
        field("avatar_small_url", "string", true, 178),
        field("channel_name", "string", true, 179),
        field("i_segment", "string", true, 180, segments),
        field("i_segment_text", "string", true, 181),
        field("user_car_gift", "object", true, 182),
        field("user_car_gift.name", "string", true, 183),
        field("user_car_gift.image_url", "string", true, 184),
        field("user_car_gift.image_small_url", "string", true, 185),
        field("user_car_gift.image_big_url", "string", true, 186),
        field("user_car_gift.dynamic_image_url", "string", true, 187),
        field("user_car_gift.svga_image_name", "string", true, 188),
        field("user_car_gift.render_type", "string", true, 189, { values: ["gif", "svga"] }),
        field("user_car_gift.svga_image_url", "string", true, 190),
        field("user_car_gift.show_rank", "integer", true, 191),
        field("user_car_gift.expire_time", "integer", true, 192),
        field("user_car_gift.gift_type", "integer", true, 193, { values: [1, 2] }),
        field("user_car_gift.notice_content", "string", true, 194),
      ],
    },
    {
      message: "send_topic_msg",
      sender: "server",
      fields: [
        action("send_topic_msg", 202),
        field("user_id", "integer", true, 203),
        field("nickname", "string", true, 204),
        field("sex", "integer", true, 205),
        field("avatar_url", "string", true, 206),
        field("avatar_small_url", "string", true, 207),
        field("content", "string", true, 208),
        field("channel_name", "string", true, 209),
      ],
    },
    {
      message: "send_gift",
      sender: "server",
      fields: [
        action("send_gift", 216),
        field("notify_type", "string", true, 217, { values: ["bc", "ptp"] }),
        field("channel_name", "string", true, 218),
        field("gift", "object", true, 219),
        field("gift.id", "integer", true, 220),
        field("gift.sender_room_seat_id", "integer", true, 221),
        field("gift.receiver_room_seat_id", "integer", true, 222),
        field("gift.sender_id", "integer", true, 223),
        field("gift.receiver_id", "integer", true, 224),
        field("gift.sender_nickname", "string", true, 225),
        field("gift.receiver_nickname", "string", true, 226),
        field("gift.name", "string", true, 227),
        field("gift.dynamic_image_url", "string", true, 228),
        field("gift.image_url", "string", true, 229),
        field("gift.image_big_url", "string", true, 230),
        field("gift.image_small_url", "string", true, 231),
        field("gift.num", "integer", true, 232),
      ],
    },
    {
      message: "up",
      sender: "server",
      fields: [
        action("up", 240),
        field("channel_name", "string", true, 241),
        field("room_seat", "object", true, 242),
        field("room_seat.user_id", "integer", true, 243),
        field("room_seat.id", "integer", true, 244),
        field("room_seat.sex", "integer", true, 245),
        field("room_seat.avatar_url", "string", true, 246),
        field("room_seat.avatar_small_url", "string", true, 247),
        field("room_seat.nickname", "string", true, 248),
        field("room_seat.status", "integer", true, 249),
        field("room_seat.microphone", "boolean", true, 250),
        field("room_seat.rank", "integer", true, 251),
        field("room_seat.room_id", "integer", true, 252),
      ],
    },
    {
      message: "down",
      sender: "server",
      fields: [
        action("down", 260),
        field("channel_name", "string", true, 261),
        field("room_seat", "object", true, 262),
        field("room_seat.id", "integer", true, 263),
        field("room_seat.status", "integer", true, 264),
        field("room_seat.microphone", "boolean", true, 265),
        field("room_seat.rank", "integer", true, 266),
        field("room_seat.room_id", "integer", true, 267),
      ],
    },
    {
      message: "room_notice",
      sender: "server",
      fields: [
        action("room_notice", 275),
        field("channel_name", "string", true, 276),
        field("expire_time", "integer", true, 277),
        field("content", "string", true, 278),
        field("client_url", "string", true, 279),
      ],
    },
  ],
};
