import { describe, expect, it } from "vitest";
import { vertoProtocol } from "../../packages/verto/src/protocol.gen.js";
import { voxyProtocol } from "../../packages/voxy/src/protocol.gen.js";
import { frameDispatchOf, rpcDispatchOf } from "../../runtime/src/side-dispatch.js";

/**
 * Generated descriptors carry their package's own dispatch: the runtime decodes with it instead of
 * rebuilding one from the validators, and still applies its own frame limits.
 */
describe("dispatch from the descriptor", () => {
  const bind = JSON.stringify({ action: "bind", user_id: "7", token: "t" });

  it("uses the generated dispatch as it is when no limits are given", () => {
    expect(frameDispatchOf(voxyProtocol.client, voxyProtocol.framing)).toBe(voxyProtocol.client.dispatch);
    expect(rpcDispatchOf(vertoProtocol.client)).toBe(vertoProtocol.client.dispatch);
  });

  it("applies the caller's frame limits to the generated dispatch", () => {
    const strict = frameDispatchOf(voxyProtocol.client, voxyProtocol.framing, { maxDepth: 64, maxLength: 10 });
    expect(strict).not.toBe(voxyProtocol.client.dispatch);
    const refused = strict.decode(bind);
    expect(refused.ok).toBe(false);
    expect(refused.ok ? undefined : refused.error.kind).toBe("too-large");
    const roomy = frameDispatchOf(voxyProtocol.client, voxyProtocol.framing, { maxDepth: 64, maxLength: 4096 });
    const decoded = roomy.decode(bind);
    expect(decoded.ok ? "decoded" : decoded.error.kind).not.toBe("too-large");
  });

  it("builds a dispatch from the validators when a hand-written descriptor carries none", () => {
    const { dispatch: _dispatch, ...side } = voxyProtocol.client;
    const built = frameDispatchOf(side, voxyProtocol.framing);
    expect(built).not.toBe(voxyProtocol.client.dispatch);
    expect(built.kind).toBe("keyed");
    expect(built.decode(JSON.stringify({ action: "nope" })).ok).toBe(false);
  });
});
