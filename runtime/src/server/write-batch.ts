import type { Writable } from "node:stream";

/** Holds a socket's writes for the rest of the tick (see tickBatching). */
export interface WriteBatch {
  /** Call before each write: the first call in a tick corks the socket until the tick's work is done. */
  hold(): void;
  /** Writes what is held now (before the socket is destroyed, which would drop it). */
  flush(): void;
}

/**
 * Frames sent while handling one read (a burst of relayed messages) leave in one write (one syscall,
 * measured at about half a relay's CPU) instead of one each. Nothing waits longer: the writes go out
 * before the event loop moves on.
 */
export function tickBatching(socket: Pick<Writable, "cork" | "uncork">): WriteBatch {
  let held = false;
  const flush = () => {
    if (!held) return;
    held = false;
    socket.uncork();
  };
  return {
    hold() {
      if (held) return;
      held = true;
      socket.cork();
      process.nextTick(flush);
    },
    flush,
  };
}
