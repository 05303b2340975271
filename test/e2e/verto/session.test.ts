import { randomUUID } from "node:crypto";
import { isLoginResultMessage } from "@wiretype/verto/guards";
import { describe, expect, it } from "vitest";
import { loggedInClient, settle, startVertoServer, users, vertoClient, waitFor } from "../support/verto.js";

const login = "1000@seven.local";
const passwd = users[login] ?? "";
const authRequired = { code: -32000, message: "Authentication Required" };
/** mod_verto's refusal of any call before login: -32000 "Authentication Required" (the spec's documented text). */
const beforeLogin = (_method: string) => authRequired;

describe("verto e2e: login and session", () => {
  it("refuses the credential-less probe with -32000 and a wrong password with -32001, then logs in", async () => {
    const { url, clientReady, server } = await startVertoServer();
    const { client, wire, received } = vertoClient(url);
    await client.connect();
    const sessid = randomUUID();

    await expect(client.request.login({ sessid })).rejects.toMatchObject({ reason: "failed", answer: authRequired });
    await expect(client.request.login({ login, passwd: "wrong", sessid })).rejects.toMatchObject({
      reason: "failed",
      answer: { code: -32001, message: "Authentication Failure" },
    });
    expect([...server.connections.values()].map((connection) => connection.authenticated)).toEqual([false]);
    expect(received.all("verto.clientReady")).toEqual([]);

    const result = await client.request.login({ login, passwd, loginParams: {}, userVariables: {}, sessid });
    expect(result).toEqual({ message: "logged in", sessid });
    expect(await received.next("verto.clientReady")).toEqual({ reattached_sessions: [] });
    // The generated client answered the server's request by itself, with `{method}`.
    expect(await clientReady.get(sessid)).toEqual({ answer: { method: "verto.clientReady" } });
    const asked = wire.received.find((frame) => frame.method === "verto.clientReady");
    expect(asked).toMatchObject({ jsonrpc: "2.0", id: expect.any(Number) });
    expect(wire.sent).toContainEqual({ jsonrpc: "2.0", id: asked?.id, result: { method: "verto.clientReady" } });
    expect([...server.connections.values()].map((connection) => connection.presenceKey)).toEqual([sessid]);
  });

  it("refuses every method before login with -32000 and accepts it after", async () => {
    const { url } = await startVertoServer();
    const { client, wire } = vertoClient(url);
    await client.connect();
    const sessid = randomUUID();
    await expect(client.request.vertoSubscribe({ eventChannel: "FSevent.heartbeat", sessid })).rejects.toMatchObject({
      reason: "failed",
      answer: beforeLogin("verto.subscribe"),
    });
    await expect(client.request.vertoPing({ sessid })).rejects.toMatchObject({ answer: beforeLogin("verto.ping") });
    await expect(client.request.echo({ sessid })).rejects.toMatchObject({ answer: beforeLogin("echo") });

    await client.request.login({ login, passwd, sessid });
    const subscribed = await client.request.vertoSubscribe({ eventChannel: "FSevent.heartbeat", sessid });
    expect(subscribed).toEqual({ subscribedChannels: ["FSevent.heartbeat"], sessid });
    // The refusals named the request ids, so the client could match them.
    const refusals = wire.received.filter((frame) => (frame.error as { code?: unknown } | undefined)?.code === -32000);
    expect(refusals.map((frame) => frame.id)).toEqual([1, 2, 3]);
  });

  it("logs in through the client's handshake option before anything queued goes out", async () => {
    const { url, clientReady } = await startVertoServer();
    const sessid = randomUUID();
    const { client, wire, received } = vertoClient(url, { handshake: () => ({ login, passwd, sessid }) });
    // Sent before connecting: queued until the session is open.
    const subscribed = client.request.vertoSubscribe({ eventChannel: ["conference-chat.3000"], sessid });
    await client.connect();
    expect(await subscribed).toEqual({ subscribedChannels: ["conference-chat.3000"], sessid });
    const requests = wire.sent.filter((frame) => frame.method !== undefined);
    expect(requests.map((frame) => frame.method)).toEqual(["login", "verto.subscribe"]);
    expect(await received.next("verto.clientReady")).toEqual({ reattached_sessions: [] });
    expect(await clientReady.get(sessid)).toEqual({ answer: { method: "verto.clientReady" } });
  });

  it("fails connect() when the handshake's password is wrong, and the session stays closed", async () => {
    const { url, server } = await startVertoServer();
    const { client } = vertoClient(url, { handshake: () => ({ login, passwd: "nope", sessid: randomUUID() }) });
    await expect(client.connect()).rejects.toMatchObject({
      reason: "failed",
      answer: { code: -32001, message: "Authentication Failure" },
    });
    await waitFor(() => (server.connections.size === 0 ? true : undefined), 3_000, "the refused connection to close");
  });

  it("gives a login without sessid (as @signalwire/js sends it) a server-chosen sessid", async () => {
    const { url, server } = await startVertoServer();
    const { client } = vertoClient(url);
    await client.connect();
    const result = await client.request.login({ login, passwd });
    // The answer type lists the failures too (they reject instead): narrow to the result.
    if (!isLoginResultMessage(result)) throw new Error("expected a login result");
    expect(result.message).toBe("logged in");
    expect(result.sessid).toMatch(/^[0-9a-f-]{36}$/);
    expect([...server.connections.values()][0]?.presenceKey).toBe(result.sessid);
  });

  it("matches answers by integer ids and by string ids", async () => {
    const { url, server } = await startVertoServer();
    server.on("echo", (params) => ({ ...params, sessid: params.sessid ?? "" }));
    const integers = await loggedInClient(url);
    const strings = vertoClient(url, {
      nextRequestId: () => `req-${randomUUID()}`,
      handshake: () => ({ login: "1001@seven.local", passwd: users["1001@seven.local"] ?? "", sessid: "s-strings" }),
    });
    await strings.client.connect();

    const [fromIntegers, fromStrings] = await Promise.all([
      integers.client.request.echo({ sessid: "integer-echo" }),
      strings.client.request.echo({ sessid: "string-echo" }),
    ]);
    expect(fromIntegers).toEqual({ sessid: "integer-echo" });
    expect(fromStrings).toEqual({ sessid: "string-echo" });

    const requests = (frames: Record<string, unknown>[]) => frames.filter((frame) => frame.method !== undefined);
    const integerIds = requests(integers.wire.sent).map((frame) => frame.id);
    expect(integerIds).toEqual([1, 2]);
    const stringIds = requests(strings.wire.sent).map((frame) => frame.id);
    expect(stringIds).toHaveLength(2);
    for (const id of stringIds) expect(id).toMatch(/^req-[0-9a-f-]{36}$/);
    // Each answer carried the id of its request, of the same type.
    const answers = strings.wire.received.filter((frame) => frame.method === undefined).map((frame) => frame.id);
    expect(answers).toEqual(stringIds);
    await settle(50);
  });
});
