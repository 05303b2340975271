import { startVertoPhoneApp } from "./app.js";
import { directoryFromEnvironment } from "./directory.js";

// `pnpm --filter @wiretype-examples/verto-phone start` (Node 24: werift needs Node >= 22).
// PORT (default 8082; 0: any free port), HOST, VERTO_USERS.
const app = await startVertoPhoneApp({
  directory: directoryFromEnvironment(),
  port: Number(process.env.PORT ?? 8082),
  host: process.env.HOST ?? "127.0.0.1",
});
console.log(
  `verto phone example: open ${app.url} (demo users 1000@wiretype.local, 1001@wiretype.local; password 1234; dial 9196)`,
);
const shutdown = () => void app.close().then(() => process.exit(0));
process.once("SIGINT", shutdown);
process.once("SIGTERM", shutdown);
