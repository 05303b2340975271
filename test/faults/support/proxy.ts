import { connect, createServer, type Socket } from "node:net";
import { onCleanup } from "../../support/lifecycle.js";

interface Pair {
  readonly client: Socket;
  readonly upstream: Socket;
}

/**
 * A TCP proxy on 127.0.0.1 that can go half-open: `stall()` makes the connections it carries stop
 * forwarding and stop reading, without closing anything (a dead NAT, a pulled cable). New connections
 * are forwarded normally.
 */
export class StallingProxy {
  readonly #forwarding: Pair[] = [];
  readonly #stalled: Pair[] = [];
  readonly #server = createServer((client) => this.#forward(client));
  readonly #targetPort: number;
  port = 0;

  private constructor(targetPort: number) {
    this.#targetPort = targetPort;
  }

  static async start(targetPort: number): Promise<StallingProxy> {
    const proxy = new StallingProxy(targetPort);
    await new Promise<void>((resolve) => proxy.#server.listen(0, "127.0.0.1", resolve));
    const address = proxy.#server.address();
    proxy.port = typeof address === "object" && address !== null ? address.port : 0;
    onCleanup(() => proxy.close());
    return proxy;
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}/`;
  }

  #forward(client: Socket): void {
    const upstream = connect(this.#targetPort, "127.0.0.1");
    client.pipe(upstream);
    upstream.pipe(client);
    const destroy = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", destroy);
    upstream.on("error", destroy);
    this.#forwarding.push({ client, upstream });
  }

  /** Every connection open now stops forwarding and reading; nothing is closed. */
  stall(): void {
    for (const pair of this.#forwarding.splice(0)) {
      pair.client.unpipe(pair.upstream);
      pair.upstream.unpipe(pair.client);
      pair.client.pause();
      pair.upstream.pause();
      this.#stalled.push(pair);
    }
  }

  close(): Promise<void> {
    for (const { client, upstream } of [...this.#forwarding, ...this.#stalled]) {
      client.destroy();
      upstream.destroy();
    }
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}
