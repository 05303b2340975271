// The anchor: zod classic validating voxy's `say` push, and a raw WebSocket send.
import * as z from "zod";

const sayPush = z.object({
  action: z.literal("say"),
  content: z.string(),
  link_id: z.number().int(),
  time: z.string(),
  list: z.array(z.object({ user_id: z.string(), user_name: z.string() })),
  to_userid: z.string().optional(),
  category: z.enum(["private", "default"]).optional(),
});

const socket = new WebSocket("wss://example.com/");
socket.addEventListener("message", (event) => {
  const result = sayPush.safeParse(JSON.parse(String(event.data)));
  if (result.success) console.log(result.data.content);
  else console.warn(result.error.issues);
});
socket.addEventListener("open", () => socket.send(JSON.stringify({ action: "ping" })));
