// The anchor: zod classic validating yueyue's `enter_room` push, and a raw WebSocket send.
import * as z from "zod";

const enterRoom = z.object({
  action: z.literal("enter_room"),
  user_id: z.number().int(),
  nickname: z.string(),
  sex: z.number().int(),
  avatar_url: z.string(),
  channel_name: z.string(),
  user_car_gift: z.object({ name: z.string(), image_url: z.string(), show_rank: z.number().int() }).optional(),
});

const socket = new WebSocket("wss://example.com/");
socket.addEventListener("message", (event) => {
  const result = enterRoom.safeParse(JSON.parse(String(event.data)));
  if (result.success) console.log(result.data.nickname);
  else console.warn(result.error.issues);
});
socket.addEventListener("open", () => socket.send(JSON.stringify({ action: "ping", online_token: "t" })));
