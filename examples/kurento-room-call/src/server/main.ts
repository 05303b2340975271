import { accountsFromEnvironment } from "./accounts.js";
import { startRoomCallApp } from "./app.js";
import { WeriftSfu } from "./werift-sfu.js";

// `pnpm --filter @wiretype-examples/kurento-room-call start` (Node 24: werift needs Node >= 22).
// PORT (default 8081; 0: any free port), HOST, ROOM_USERS.
const media = new WeriftSfu();
const app = await startRoomCallApp({
  accounts: accountsFromEnvironment(),
  media,
  port: Number(process.env.PORT ?? 8081),
  host: process.env.HOST ?? "127.0.0.1",
});
console.log(
  `kurento-room call example: open ${app.url} in three or more browser windows (demo users alice, bob, carol, dave; password demo)`,
);
const shutdown = () => void app.close().then(() => process.exit(0));
process.once("SIGINT", shutdown);
process.once("SIGTERM", shutdown);
