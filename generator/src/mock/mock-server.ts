import type { Connection, FrameRefusal } from "@wiretype/runtime";
import { createServer } from "@wiretype/runtime/server";
import type { Channel, Protocol } from "../ir/types.js";
import { exampleAnswers, keyed, serverExamples } from "./answers.js";
import { type LiveDescriptor, type LooseMap, liveDescriptors } from "./descriptor.js";
import { replay, type ScriptStep } from "./script.js";

/**
 * `wiretype mock`: the generated server's runtime with its defaults, driven by the spec at run time. It
 * runs in insecure development mode (sessions open unchecked): a development server, never production.
 */

export interface MockOptions {
  /** The first channel's port (0: any free port); channel n listens on port + n. */
  readonly port?: number;
  readonly host?: string;
  /** Server messages replayed on every connection. */
  readonly script?: readonly ScriptStep[];
  readonly log?: (line: string) => void;
  /** Socket.IO specs: the `Server` class (default: the `socket.io` package, when installed). */
  readonly socketIo?: unknown;
}

export interface MockChannel {
  readonly address: string;
  readonly port: number;
}

export interface RunningMock {
  readonly channels: readonly MockChannel[];
  close(): Promise<void>;
}

type MockServer = ReturnType<typeof createServer<LooseMap, LooseMap, LooseMap, LooseMap>>;

async function socketIoServer(given: unknown): Promise<unknown> {
  if (given !== undefined) return given;
  try {
    const module = (await import("socket.io")) as { Server: unknown };
    return module.Server;
  } catch {
    throw new Error("this spec speaks Socket.IO: install the `socket.io` package next to @wiretype/generator");
  }
}

function describeRefusal(error: FrameRefusal): string {
  const issues = error.issues.map((issue) => `\n    ${issue.path || "(message)"}: ${issue.message}`);
  return `${error.kind}: ${error.summary}${issues.join("")}`;
}

function logEvents(server: MockServer, address: string, log: (line: string) => void): void {
  server.onEvent("connection", (connection) => log(`${address} ${connection.id} connected`));
  server.onEvent("disconnect", (connection, reason) => log(`${address} ${connection.id} disconnected (${reason})`));
  server.onEvent("invalid", (connection, error) =>
    log(`${address} ${connection.id} refused ${describeRefusal(error)}`),
  );
  server.onEvent("error", (connection, error) => log(`${address} ${connection.id} handler error: ${error.message}`));
}

/**
 * A key the spec forwards to other members (a call offer) is answered by them, not by the server;
 * the handshake and a room join are the server's to answer even when they are also announced.
 */
function answeredByPeers(descriptor: LiveDescriptor, key: string): boolean {
  const servers = key === descriptor.session?.handshake || key === descriptor.rooms?.join.key;
  return !servers && (descriptor.forward[key]?.length ?? 0) > 0;
}

/** Answers every answered key with its example, after the runtime's defaults (which win when they answer). */
function answerWithExamples(
  server: MockServer,
  protocol: Protocol,
  channel: Channel,
  descriptor: LiveDescriptor,
): void {
  for (const [key, answer] of exampleAnswers(protocol, channel)) {
    if (answeredByPeers(descriptor, key)) continue;
    server.on(key, async (_message, context) => {
      await context.runDefaults();
      return structuredClone(answer);
    });
  }
}

function scriptOn(
  server: MockServer,
  protocol: Protocol,
  channel: Channel,
  descriptor: LiveDescriptor,
  steps: readonly ScriptStep[],
): void {
  const examples = serverExamples(protocol, channel);
  const mine = steps.filter((step) => descriptor.server.keys.includes(step.send));
  if (mine.length === 0) return;
  const cancels = new Map<string, () => void>();
  server.onEvent("connection", (connection: Connection<LooseMap>) => {
    const payload = (step: ScriptStep) =>
      step.payload === undefined ? examples.get(step.send) : keyed(channel, step.send, step.payload);
    const send = (step: ScriptStep) => connection.send(step.send, structuredClone(payload(step)));
    cancels.set(connection.id, replay(mine, send));
  });
  server.onEvent("disconnect", (connection) => {
    cancels.get(connection.id)?.();
    cancels.delete(connection.id);
  });
}

/** Every scripted key must be one the server sends on some channel. */
function checkScript(steps: readonly ScriptStep[], descriptors: readonly LiveDescriptor[]): void {
  for (const step of steps) {
    if (descriptors.some((descriptor) => descriptor.server.keys.includes(step.send))) continue;
    const known = [...new Set(descriptors.flatMap((descriptor) => descriptor.server.keys))].join(", ");
    throw new Error(`the script sends \`${step.send}\`, which the server never sends (it sends: ${known})`);
  }
}

/** Starts one server per channel of the protocol; resolves once all listen. */
export async function startMock(protocol: Protocol, options: MockOptions = {}): Promise<RunningMock> {
  const log = options.log ?? ((line: string) => console.log(line));
  const live = liveDescriptors(protocol);
  const steps = options.script ?? [];
  checkScript(
    steps,
    live.map((each) => each.descriptor),
  );
  const servers: MockServer[] = [];
  const channels: MockChannel[] = [];
  try {
    for (const [index, { channel, descriptor }] of live.entries()) {
      const socketIo = descriptor.framing.kind === "socket.io" ? await socketIoServer(options.socketIo) : undefined;
      const greeting =
        descriptor.greeting === undefined ? undefined : serverExamples(protocol, channel).get(descriptor.greeting);
      const server = createServer<LooseMap, LooseMap, LooseMap, LooseMap>(descriptor, {
        // The spec's greeting is its example: the runtime builds one only when the schema needs no value.
        ...(greeting === undefined ? {} : { greeting: () => structuredClone(greeting) }),
        port: options.port === undefined || options.port === 0 ? 0 : options.port + index,
        host: options.host ?? "127.0.0.1",
        insecureDevelopmentMode: true,
        ...(socketIo === undefined ? {} : { socketIo }),
      });
      servers.push(server);
      logEvents(server, channel.address, log);
      answerWithExamples(server, protocol, channel, descriptor);
      scriptOn(server, protocol, channel, descriptor, steps);
      const { port } = await server.listen();
      channels.push({ address: channel.address, port });
    }
  } catch (error) {
    await Promise.all(servers.map((server) => server.close()));
    throw error;
  }
  return { channels, close: async () => void (await Promise.all(servers.map((server) => server.close()))) };
}
