// The anchor: zod classic validating kurento-room's `iceCandidate` push, and a raw WebSocket send.
import * as z from "zod";

const iceCandidate = z.object({
  id: z.literal("iceCandidate"),
  userId: z.string(),
  candidate: z.object({ candidate: z.string(), sdpMid: z.string(), sdpMLineIndex: z.number().int() }),
});

const socket = new WebSocket("wss://example.com/");
socket.addEventListener("message", (event) => {
  const result = iceCandidate.safeParse(JSON.parse(String(event.data)));
  if (result.success) console.log(result.data.candidate.candidate);
  else console.warn(result.error.issues);
});
socket.addEventListener("open", () => socket.send(JSON.stringify({ id: "leaveRoom" })));
