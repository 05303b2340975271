/** The part of a socket.io 2.x or 4.x server-side socket the guard uses. */
interface GuardedSocket {
  disconnect(close?: boolean): unknown;
}

/** The live socket of each underlying client (`socket.client`, in 2.x and 4.x) in the namespace served. */
const admitted = new WeakMap<object, GuardedSocket>();

/**
 * One socket per namespace per underlying connection. socket.io 2.x creates a socket for every connect
 * packet (with the same id, so the earlier one is forgotten by the library and never disconnected), and
 * 4.x does too for repeats that arrive before the first finished connecting (later ones close the client).
 * A duplicate closes the whole connection, as 4.x does: the earlier socket first (2.x no longer would),
 * then the client. Returns false for a duplicate.
 */
export function admitSocket(socket: GuardedSocket): boolean {
  const client = clientOf(socket);
  if (client === undefined) return true;
  const earlier = admitted.get(client);
  if (earlier === undefined || earlier === socket) {
    admitted.set(client, socket);
    return true;
  }
  earlier.disconnect();
  socket.disconnect(true);
  return false;
}

/** The socket disconnected: its client may connect the namespace again (a namespace-level reconnect). */
export function releaseSocket(socket: GuardedSocket): void {
  const client = clientOf(socket);
  if (client !== undefined && admitted.get(client) === socket) admitted.delete(client);
}

function clientOf(socket: object): object | undefined {
  const client = "client" in socket ? socket.client : undefined;
  return client !== null && typeof client === "object" ? client : undefined;
}
