// A minimal yueyue browser app through the generated client: connect, send one message, handle one push.
import { createYueyueClient } from "@wiretype/yueyue/client";

const client = createYueyueClient({ url: "wss://example.com/", query: { sid: "s" } });
client.on("enter_room", (message) => console.log(message.nickname));
client.onEvent("invalid", (error) => console.warn(error.summary));
await client.connect();
client.send.ping({ action: "ping", online_token: "t", timestamp: "1", sid: "s", sign: "" });
