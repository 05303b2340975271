export { createServer } from "./create-server.js";
export { heartbeatTimeoutCode } from "./lifecycle.js";
export type * from "./types.js";
