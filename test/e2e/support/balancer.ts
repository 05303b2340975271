import { type AddressInfo, connect, createServer, type Socket } from "node:net";

/** A round-robin TCP load balancer on 127.0.0.1 in front of several ports. */
export interface Balancer {
  readonly port: number;
  /** How many connections went to each upstream, in upstream order. */
  readonly counts: readonly number[];
  close(): Promise<void>;
}

/**
 * One upstream per new TCP connection, in turn (the 1st client lands on the first port, the 2nd on the
 * second…), the way a layer-4 balancer spreads WebSocket clients: a connection stays on its node.
 */
export async function startBalancer(upstreams: readonly number[]): Promise<Balancer> {
  const counts = upstreams.map(() => 0);
  const open = new Set<Socket>();
  let next = 0;
  const server = createServer((client) => {
    const index = next % upstreams.length;
    next += 1;
    counts[index] = (counts[index] ?? 0) + 1;
    const upstream = connect(upstreams[index] ?? 0, "127.0.0.1");
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.setNoDelay(true);
      socket.once("close", () => open.delete(socket));
    }
    // An end is passed on once the data before it is through (pipe); a failure ends the pair at once.
    client.pipe(upstream);
    upstream.pipe(client);
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
