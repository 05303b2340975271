// A minimal kurento-room browser app through the generated client: connect, send one message, handle one push.
import { createKurentoRoomClient } from "@wiretype/kurento-room/client";

const client = createKurentoRoomClient({ url: "wss://example.com/" });
client.on("iceCandidate", (message) => console.log(message.candidate));
client.onEvent("invalid", (error) => console.warn(error.summary));
await client.connect();
client.send.leaveRoom({ id: "leaveRoom" });
