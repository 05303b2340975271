// The anchor: zod classic validating verto's `verto.event` notification, and a raw WebSocket send.
import * as z from "zod";

const vertoEvent = z.object({
  jsonrpc: z.literal("2.0"),
  method: z.literal("verto.event"),
  params: z.object({ eventChannel: z.string(), data: z.record(z.string(), z.unknown()), eventSerno: z.number().int() }),
});

const socket = new WebSocket("wss://example.com/");
socket.addEventListener("message", (event) => {
  const result = vertoEvent.safeParse(JSON.parse(String(event.data)));
  if (result.success) console.log(result.data.params.eventChannel);
  else console.warn(result.error.issues);
});
socket.addEventListener("open", () =>
  socket.send(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "login", params: { login: "1000", passwd: "x" } })),
);
