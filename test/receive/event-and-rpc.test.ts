import { rpcErrorCodes } from "@wiretype/runtime";
import { vertoClientDispatch, vertoServerDispatch } from "@wiretype/verto/schemas";
import { workspaceClientDispatch, workspaceServerDispatch } from "@wiretype/workspace/schemas";
import { describe, expect, it } from "vitest";

describe("decoding Socket.IO events", () => {
  it("validates an event's data by its event name", () => {
    const auth = { token: "t", workspaceId: "5b3f4f0e-2f0a-4c5e-9a55-0c2f3b1d9e10", transaction: "tx-1" };
    expect(workspaceClientDispatch.decode("auth", auth)).toMatchObject({ ok: true, name: "auth", message: auth });
  });

  it("resolves a run-time event name to its template", () => {
    expect(workspaceServerDispatch.keyOf("socket-api-error-tx-42")).toBe("socket-api-error-{transaction}");
    expect(workspaceServerDispatch.decode("socket-api-error-tx-42", { message: "Invalid token" })).toMatchObject({
      ok: true,
      name: "socket-api-error-{transaction}",
    });
  });

  it("accepts null where the event carries null, and nothing else there", () => {
    expect(workspaceServerDispatch.decode("password-changed", null)).toMatchObject({ ok: true });
    expect(workspaceServerDispatch.decode("password-changed", { changed: true })).toMatchObject({ ok: false });
  });

  it("reports an invalid enum value", () => {
    const result = workspaceClientDispatch.decode("auth", { token: "t", workspaceId: "w", onlineStatus: "away" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.issues.map((issue) => issue.path)).toContain("onlineStatus");
  });
});

const login = { login: "admin@demo.xswitch.cn", passwd: "xxxx", sessid: "8faafdd3-dc45-c333-c37d-9997320f354f" };

describe("decoding JSON-RPC 2.0 frames", () => {
  it("decodes a request with integer id and one with a string id", () => {
    const frame = { jsonrpc: "2.0", method: "login", params: login, id: 1 };
    expect(vertoClientDispatch.decode(JSON.stringify(frame))).toMatchObject({
      ok: true,
      kind: "request",
      id: 1,
      name: "login",
    });
    const uuid = { ...frame, id: "0b6b9d1e-aaaa-4bbb-8ccc-123456789abc" };
    expect(vertoClientDispatch.decode(JSON.stringify(uuid))).toMatchObject({ ok: true, id: uuid.id });
  });

  it("tells a notification from a request", () => {
    const frame = { jsonrpc: "2.0", method: "verto.clientReady", params: { reattached_sessions: [] } };
    expect(vertoServerDispatch.decode(JSON.stringify(frame))).toMatchObject({ ok: true, kind: "notification" });
  });

  it("answers the error codes JSON-RPC defines", () => {
    expect(vertoClientDispatch.decode("{oops")).toMatchObject({ ok: false, code: rpcErrorCodes.parseError });
    expect(vertoClientDispatch.decode('{"jsonrpc":"1.0","method":"login","id":3}')).toMatchObject({
      ok: false,
      code: rpcErrorCodes.invalidRequest,
      id: 3,
    });
    expect(vertoClientDispatch.decode('{"jsonrpc":"2.0","method":"nope","params":{},"id":4}')).toMatchObject({
      ok: false,
      code: rpcErrorCodes.methodNotFound,
      id: 4,
    });
    expect(vertoClientDispatch.decode('{"jsonrpc":"2.0","method":"login","params":{"sessid":7},"id":5}')).toMatchObject(
      {
        ok: false,
        code: rpcErrorCodes.invalidParams,
        id: 5,
      },
    );
  });

  it("returns results and errors for the request/reply layer", () => {
    expect(vertoServerDispatch.decode('{"jsonrpc":"2.0","id":1,"result":{"message":"logged in"}}')).toMatchObject({
      ok: true,
      kind: "result",
      id: 1,
    });
    const error = '{"jsonrpc":"2.0","id":1,"error":{"code":-32000,"message":"Authentication Required"}}';
    expect(vertoServerDispatch.decode(error)).toMatchObject({ ok: true, kind: "error", error: { code: -32000 } });
  });
});
