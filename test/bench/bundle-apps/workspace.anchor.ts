// The anchor: zod classic validating workspace's `media-state-updated` push, and a raw WebSocket send.
import * as z from "zod";

const mediaStateUpdated = z.object({
  userId: z.uuid(),
  channelId: z.uuid(),
  userMediaState: z.object({
    microphone: z.boolean(),
    speakers: z.boolean(),
    screen: z.boolean(),
    camera: z.boolean(),
    startScreenTs: z.iso.datetime().optional(),
  }),
});

const socket = new WebSocket("wss://example.com/");
socket.addEventListener("message", (event) => {
  const result = mediaStateUpdated.safeParse(JSON.parse(String(event.data)));
  if (result.success) console.log(result.data.userId);
  else console.warn(result.error.issues);
});
socket.addEventListener("open", () => socket.send(JSON.stringify(["logout", {}])));
