import type { VertoServer } from "@wiretype/verto/server";
import { describe, expect, it } from "vitest";
import { connectionOf, loggedInClient, settle, startVertoServer, waitFor } from "../support/verto.js";

const callID = "e708cee0-3c33-1624-dc8c-f1ca704664f1";
const offer = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=offer\r\n";
const answerSdp = "v=0\r\no=- 3 4 IN IP4 127.0.0.1\r\ns=answer\r\n";

/**
 * The application's calls: `verto.invite` creates the call and then, like FreeSWITCH, asks the caller
 * `verto.media` (early media, 183) and `verto.answer`; `verto.bye` ends a known call.
 */
function serveCalls(server: VertoServer) {
  const calls = new Set<string>();
  const progress: Promise<unknown>[] = [];
  server.on("verto.invite", (params, context) => {
    const id = params.dialogParams.callID ?? "";
    calls.add(id);
    context.reply({ message: "CALL CREATED", callID: id, sessid: params.sessid });
    const caller = context.connection.id;
    progress.push(
      server
        .request(caller, "verto.media", { callID: id, sdp: answerSdp })
        .then(async (media) => [media, await server.request(caller, "verto.answer", { callID: id })]),
    );
    return undefined;
  });
  server.on("verto.bye", (params, context) => {
    const id = params.dialogParams.callID ?? "";
    if (!calls.delete(id)) return context.fail({ code: -32002, message: "CALL DOES NOT EXIST" });
    return { callID: id, message: "CALL ENDED", causeCode: 16, cause: "NORMAL_CLEARING", sessid: params.sessid };
  });
  return { calls, progress };
}

describe("verto e2e: calls and heartbeat", () => {
  it("creates a call, gets verto.media and verto.answer (acknowledged), then hangs up", async () => {
    const { url, server } = await startVertoServer();
    const { calls, progress } = serveCalls(server);
    const caller = await loggedInClient(url, "1000@seven.local");
    const { sessid } = caller;
    const dialogParams = { callID, destination_number: "9196", caller_id_name: "admin", useVideo: true };

    const created = await caller.client.request.vertoInvite({ sdp: offer, dialogParams, sessid });
    expect(created).toEqual({ message: "CALL CREATED", callID, sessid });
    expect(await caller.received.next("verto.media")).toEqual({ callID, sdp: answerSdp });
    expect(await caller.received.next("verto.answer")).toEqual({ callID });
    // The server's requests resolved with the client's automatic acknowledgements.
    expect(await progress[0]).toEqual([{ method: "verto.media" }, { method: "verto.answer" }]);
    expect([...calls]).toEqual([callID]);

    const ended = await caller.client.request.vertoBye({ dialogParams: { callID }, sessid });
    expect(ended).toEqual({ callID, message: "CALL ENDED", causeCode: 16, cause: "NORMAL_CLEARING", sessid });
    expect(calls.size).toBe(0);
    await expect(caller.client.request.vertoBye({ dialogParams: { callID }, sessid })).rejects.toMatchObject({
      reason: "failed",
      answer: { code: -32002, message: "CALL DOES NOT EXIST" },
    });
  });

  it("hangs a call up from the server side with verto.bye, acknowledged by the client", async () => {
    const { url, server } = await startVertoServer();
    serveCalls(server);
    const caller = await loggedInClient(url, "1000@seven.local");
    const bystander = await loggedInClient(url, "1001@seven.local");
    await caller.client.request.vertoInvite({
      sdp: offer,
      dialogParams: { callID, destination_number: "1001" },
      sessid: caller.sessid,
    });
    const bye = { callID, causeCode: 17, cause: "USER_BUSY" };
    const acknowledged = server.request(connectionOf(server, caller.sessid).id, "verto.bye", bye);
    await expect(acknowledged).resolves.toEqual({ method: "verto.bye" });
    expect(await caller.received.next("verto.bye")).toEqual(bye);
    await settle();
    expect(bystander.received.all("verto.bye")).toEqual([]);
  });

  it("pings an idle connection with verto.ping and the client answers each ping with {method}", async () => {
    const { url } = await startVertoServer({ heartbeatIdleMs: 150 });
    const client = await loggedInClient(url, "1000@seven.local");
    await client.received.next("verto.ping", 2_000);
    await client.received.next("verto.ping", 2_000);
    const pings = client.wire.received.filter((frame) => frame.method === "verto.ping");
    for (const ping of pings.slice(0, 2)) {
      expect(ping).toMatchObject({ jsonrpc: "2.0", id: expect.any(Number), params: { serno: expect.any(Number) } });
      const answered = () => client.wire.sent.find((frame) => frame.id === ping.id && "result" in frame);
      expect(await waitFor(answered, 1_000, "the ping's answer")).toEqual({
        jsonrpc: "2.0",
        id: ping.id,
        result: { method: "verto.ping" },
      });
    }
    expect(client.client.state).toBe("open");
  });

  it("answers the client's own verto.ping", async () => {
    const { url } = await startVertoServer();
    const { client, sessid } = await loggedInClient(url, "1000@seven.local");
    expect(await client.request.vertoPing({ sessid })).toEqual({ sessid });
  });
});
