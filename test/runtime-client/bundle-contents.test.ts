import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { browserBundle } from "../support/browser-bundle.js";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** Source files (runtime and zod locales) in the up-front part of a protocol's minimal browser app. */
async function initialInputs(protocol: string): Promise<readonly string[]> {
  const bundle = await browserBundle(root, `test/bench/bundle-apps/${protocol}.ts`, "src");
  return bundle.initialInputs;
}

/** Every source file of the bundle, up-front part and lazy chunks. */
function allInputs(bundle: Awaited<ReturnType<typeof browserBundle>>): string[] {
  return Object.values(bundle.metafile.outputs).flatMap((output) => Object.keys(output.inputs));
}

const signing = /runtime\/src\/sign\//;
const jsonRpc = /runtime\/src\/(json-rpc|client\/inbound-rpc)\.ts$/;
const socketIo = /runtime\/src\/client\/socket-io-connection\.ts$/;
const zodLocales = /zod\/v4\/locales\/(?!en\.js)/;
const zod = /node_modules\/.*zod\//;
const schemas = /packages\/[^/]+\/src\/(schemas|protocol)\.gen\.ts$/;
const nodeOnly = /runtime\/src\/server\/|node_modules\/.*\/ws\//;

// The esbuild metafile lists every source file a bundle holds: assert on it, not on sizes.
describe("browser bundles carry only what their protocol uses", () => {
  it("voxy (keyed JSON, unsigned): no signing, JSON-RPC, Socket.IO, Node code or zod locales", async () => {
    const inputs = await initialInputs("voxy");
    expect(inputs.some((input) => input.includes("runtime/src/client/create-client.ts"))).toBe(true);
    for (const excluded of [signing, jsonRpc, socketIo, zodLocales, nodeOnly]) {
      expect(inputs.filter((input) => excluded.test(input))).toEqual([]);
    }
  }, 30_000);

  it.each(["voxy", "yueyue", "workspace", "verto", "kurento-room"])(
    "%s: no zod up front; zod and the schemas only in the chunk that explains refused frames",
    async (protocol) => {
      const bundle = await browserBundle(root, `test/bench/bundle-apps/${protocol}.ts`, "src");
      expect(bundle.initialInputs.filter((input) => zod.test(input) || schemas.test(input))).toEqual([]);
      const lazy = allInputs(bundle).filter((input) => !bundle.initialInputs.includes(input));
      expect(lazy.some((input) => zod.test(input))).toBe(true);
      expect(lazy.filter((input) => schemas.test(input)).length).toBe(2);
    },
    30_000,
  );

  it("yueyue (signed client messages) carries the signing code, not JSON-RPC or Socket.IO", async () => {
    const inputs = await initialInputs("yueyue");
    expect(inputs.some((input) => signing.test(input))).toBe(true);
    expect(inputs.filter((input) => jsonRpc.test(input) || socketIo.test(input))).toEqual([]);
  }, 30_000);

  it("verto (JSON-RPC) carries JSON-RPC handling, not signing or Socket.IO", async () => {
    const inputs = await initialInputs("verto");
    expect(inputs.some((input) => jsonRpc.test(input))).toBe(true);
    expect(inputs.filter((input) => signing.test(input) || socketIo.test(input))).toEqual([]);
  }, 30_000);

  it("workspace (Socket.IO) carries the Socket.IO connection, not signing or JSON-RPC", async () => {
    const inputs = await initialInputs("workspace");
    expect(inputs.some((input) => socketIo.test(input))).toBe(true);
    expect(inputs.filter((input) => signing.test(input) || jsonRpc.test(input))).toEqual([]);
  }, 30_000);
});
