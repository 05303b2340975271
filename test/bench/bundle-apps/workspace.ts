// A minimal workspace browser app through the generated client: connect, send one message, handle one push.
// socket.io-client is the application's own (passed as `io`), so it is left out of both bundles.
import type { SocketIoConnect } from "@wiretype/runtime";
import { createWorkspaceClient } from "@wiretype/workspace/client";

declare const io: SocketIoConnect;
const client = createWorkspaceClient({ url: "wss://example.com/", io });
client.on("media-state-updated", (message) => console.log(message.userId));
client.onEvent("invalid", (error) => console.warn(error.summary));
await client.connect();
client.send.logout({});
