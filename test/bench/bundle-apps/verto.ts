// A minimal verto browser app through the generated client: connect, send one message, handle one push.
import { createVertoClient } from "@wiretype/verto/client";

const client = createVertoClient({ url: "wss://example.com/" });
client.on("verto.event", (message) => console.log(message.eventChannel));
client.onEvent("invalid", (error) => console.warn(error.summary));
await client.connect();
client.send.login({ login: "1000@example.com", passwd: "secret", sessid: "8faafdd3-dc45-c333-c37d-9997320f354f" });
