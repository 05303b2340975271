export { createServer } from "./create-server.js";
export { handshakeTimeoutCode, heartbeatTimeoutCode } from "./lifecycle.js";
export type * from "./types.js";
