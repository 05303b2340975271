// A minimal voxy browser app through the generated client: connect, send one message, handle one push.
import { createVoxyClient } from "@wiretype/voxy/client";

const client = createVoxyClient({ url: "wss://example.com/" });
client.on("say", (message) => console.log(message.content));
client.onEvent("invalid", (error) => console.warn(error.summary));
await client.connect();
client.send.ping({ action: "ping", link_id: "1" });
