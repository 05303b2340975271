import { accountsFromEnvironment } from "./accounts.js";
import { startVoxyCallApp } from "./app.js";

// `pnpm --filter @wiretype-examples/voxy-call start`: PORT (default 8080), HOST, VOXY_USERS, ICE_URLS.
const app = await startVoxyCallApp({
  accounts: accountsFromEnvironment(),
  port: Number(process.env.PORT ?? 8080),
  host: process.env.HOST ?? "127.0.0.1",
  iceUrls: (process.env.ICE_URLS ?? "").split(",").filter((url) => url !== ""),
});
console.log(`voxy call example: open ${app.url} in two browser windows (demo users alice, bob, carol; password demo)`);
process.once("SIGINT", () => void app.close().then(() => process.exit(0)));
