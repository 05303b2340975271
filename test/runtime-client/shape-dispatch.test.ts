import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { generate } from "@wiretype/generator";
import { createClient, type ProtocolDescriptor } from "@wiretype/runtime";
import { createServer } from "@wiretype/runtime/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";

/**
 * A channel decoded by shape, end to end: the fixture has no extension and no shared constant, so
 * the generated descriptor says `json-shape`; a real client and server built from it dispatch every
 * message, pair a reply, and refuse a frame that matches no message.
 */

type Loose = Record<string, unknown>;
type Descriptor = ProtocolDescriptor<Loose, Loose>;

const fixture = fileURLToPath(new URL("../../generator/test/fixtures/shape-decoded.asyncapi.yaml", import.meta.url));
// Inside the repository, so that the generated files resolve `@wiretype/runtime` and `zod`; git-ignored.
const outDir = fileURLToPath(new URL("../.infer-out/", import.meta.url));

let descriptor: Descriptor;

beforeAll(async () => {
  const { packages } = await generate([
    { source: { path: "shape-decoded.asyncapi.yaml", text: readFileSync(fixture, "utf8") } },
  ]);
  const generated = packages[0];
  if (generated === undefined) throw new Error("nothing generated");
  const packageDir = join(outDir, generated.protocol.id);
  for (const file of generated.files) {
    mkdirSync(dirname(join(packageDir, file.path)), { recursive: true });
    writeFileSync(join(packageDir, file.path), file.content);
  }
  const module = (await import(join(packageDir, "src/protocol.gen.ts"))) as { shapeDecodedProtocol: Descriptor };
  descriptor = module.shapeDecodedProtocol;
});

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

function until<T>(check: () => T | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      const value = check();
      if (value !== undefined) resolve(value);
      else if (Date.now() - started > 3000) reject(new Error("timed out"));
      else setTimeout(poll, 10);
    };
    poll();
  });
}

describe("shape-decoded channel through a real client and server", () => {
  it("the descriptor orders guards by required members", () => {
    expect(descriptor.framing).toEqual({
      kind: "json-shape",
      order: ["alert", "reading", "ack", "status"],
      frames: ["text"],
    });
  });

  it("dispatches each message both ways, pairs a reply, and refuses a frame no shape matches", async () => {
    const server = createServer<Loose, Loose, Loose, Loose>(descriptor, { host: "127.0.0.1", port: 0 });
    const received: [string, unknown][] = [];
    server.on("reading", (message) => {
      received.push(["reading", message]);
      return { received: 1 };
    });
    server.on("status", (message) => {
      received.push(["status", message]);
      return undefined;
    });
    const refused: string[] = [];
    server.onEvent("invalid", (_connection, refusal) => refused.push(refusal.kind));
    const { port } = await server.listen();
    const client = createClient<Loose, Loose, Loose, Loose>(descriptor, {
      url: `ws://127.0.0.1:${port}/telemetry`,
      WebSocket,
    });
    const alerts: unknown[] = [];
    client.on("alert", (message) => alerts.push(message));
    try {
      await client.connect();
      client.sendMessage("status", { online: true });
      const answer = await client.requestMessage("reading", { sensor: "t1", value: 21.5 });
      expect(answer).toEqual({ received: 1 });
      expect(server.broadcast("alert", { level: "critical", text: "hot" })).toBe(1);
      expect(await until(() => alerts[0])).toEqual({ level: "critical", text: "hot" });
      client.sendMessage("status", { nothing: "known" } as Loose);
      await until(() => refused[0]);
      expect(received).toEqual([
        ["status", { online: true }],
        ["reading", { sensor: "t1", value: 21.5 }],
      ]);
      expect(refused).toEqual(["unknown-message"]);
    } finally {
      client.close();
      await server.close();
    }
  });
});
