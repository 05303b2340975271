import { valueAtPath } from "../protocol.js";
import { roomNames } from "./defaults.js";
import type { Engine } from "./engine.js";

/**
 * Server-decided rooms (`x-wiretype-rooms` whose `join`/`leave` are server messages, workspace
 * `user-selected-channel`): when the application sends such an announcement, the connection whose id is
 * the value at the rooms `member` path (a Socket.IO socket id) joins or leaves the room(s) named at
 * `room`. An announcement the server's guard refuses is not sent, so it changes nothing.
 */
export function applyRoomAnnouncement(engine: Engine, key: string, message: unknown): void {
  const rooms = engine.descriptor.rooms;
  if (rooms === undefined || !engine.defaults) return;
  const joins = rooms.join.side === "server" && rooms.join.key === key;
  const leaves = rooms.leave.side === "server" && rooms.leave.key === key;
  if (!joins && !leaves) return;
  if (engine.server.guard(key)?.(message) !== true) return;
  const member = valueAtPath(message, rooms.member);
  const connection = typeof member === "string" ? engine.registry.connections.get(member) : undefined;
  if (connection === undefined || connection.closed) return;
  for (const room of roomNames(engine, message)) {
    if (joins) engine.registry.join(connection, room, message);
    else engine.registry.leave(connection, room);
  }
}
