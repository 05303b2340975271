import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import { createVertoServer, type VertoServer } from "@wiretype/verto/server";
import type { VertoServerMessages } from "@wiretype/verto/types";
import { dialplan } from "./dialplan.js";
import type { Directory } from "./directory.js";
import { answerWithEcho, type EchoEndpoint } from "./echo-endpoint.js";

interface Call {
  readonly connectionId: string;
  readonly endpoint: EchoEndpoint;
  timer?: NodeJS.Timeout;
}

/**
 * The generated verto server: the application logs users in against its directory and answers each
 * `verto.invite` like FreeSWITCH does: `CALL CREATED`, then `verto.media` (the answer SDP, early media),
 * `verto.display` (who answered) and `verto.answer`; either side ends the call with `verto.bye`.
 */
export function createVertoBackend(httpServer: Server, directory: Directory): VertoServer {
  const server = createVertoServer({ httpServer });
  const calls = new Map<string, Call>();

  const end = async (callID: string) => {
    const call = calls.get(callID);
    calls.delete(callID);
    clearTimeout(call?.timer);
    await call?.endpoint.close();
  };

  /** A call the server could not set up ends with a bye, as FreeSWITCH ends a failed bridge. */
  const fail = async (caller: string, callID: string, error: unknown) => {
    console.error(`call ${callID} failed:`, error);
    await end(callID);
    await server
      .request(caller, "verto.bye", { callID, causeCode: 41, cause: "NORMAL_TEMPORARY_FAILURE" })
      .catch(() => {});
  };

  server.on("login", (params, context) => {
    if (params.login === undefined || params.passwd === undefined) {
      return context.fail({ code: -32000, message: "Authentication Required" });
    }
    if (directory.get(params.login) !== params.passwd) {
      return context.fail({ code: -32001, message: "Authentication Failure" });
    }
    const sessid = params.sessid ?? randomUUID();
    context.authenticate(sessid);
    context.reply({ message: "logged in", sessid });
    void server.request(context.connection.id, "verto.clientReady", { reattached_sessions: [] }).catch(() => undefined);
    return undefined;
  });

  /** A request whose acknowledgement nothing waits for; a missing one is logged. */
  const notify = <K extends "verto.media" | "verto.display" | "verto.answer">(
    caller: string,
    key: K,
    params: VertoServerMessages[K],
  ) => {
    server.request(caller, key, params).catch((error: unknown) => console.error(`${key} not acknowledged:`, error));
  };

  /** Like FreeSWITCH: early media with the answer SDP, who answered, then the answer itself. */
  const answerCall = async (caller: string, callID: string, sdpOffer: string, number: string) => {
    const destination = dialplan.get(number);
    if (destination === undefined) {
      await server.request(caller, "verto.bye", { callID, causeCode: 3, cause: "NO_ROUTE_DESTINATION" });
      return;
    }
    const call: Call = { connectionId: caller, endpoint: await answerWithEcho(sdpOffer) };
    calls.set(callID, call);
    // In order, without waiting for each acknowledgement (as FreeSWITCH does): a slow ack must not hold the call.
    notify(caller, "verto.media", { callID, sdp: call.endpoint.sdp });
    notify(caller, "verto.display", { callID, display_name: destination.name, display_number: number });
    notify(caller, "verto.answer", { callID });
    if (destination.maxSeconds === undefined) return;
    call.timer = setTimeout(() => {
      void end(callID);
      void server.request(caller, "verto.bye", { callID, causeCode: 602, cause: "ALLOTTED_TIMEOUT" }).catch(() => {});
    }, destination.maxSeconds * 1000);
  };

  server.on("verto.invite", (params, context) => {
    const callID = String(params.dialogParams.callID);
    const number = String(params.dialogParams.destination_number);
    context.reply({ message: "CALL CREATED", callID, sessid: params.sessid });
    // Not awaited by the handler: the caller acknowledges each request on this same connection.
    const caller = context.connection.id;
    void answerCall(caller, callID, params.sdp, number).catch((error: unknown) => fail(caller, callID, error));
    return undefined;
  });

  server.on("verto.bye", async (params, context) => {
    const callID = String(params.dialogParams.callID);
    if (!calls.has(callID)) {
      context.fail({ code: -32002, message: "CALL DOES NOT EXIST" });
      return undefined;
    }
    await end(callID);
    return { callID, message: "CALL ENDED", causeCode: 16, cause: "NORMAL_CLEARING", sessid: params.sessid };
  });

  server.onEvent("disconnect", (connection) => {
    for (const [callID, call] of calls) if (call.connectionId === connection.id) void end(callID);
  });
  return server;
}
