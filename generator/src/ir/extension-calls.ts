import type { DiagnosticSink } from "../diagnostics.js";
import { readAssignments, readCondition, readPayloadPath, stringList } from "./extensions.js";
import { isRawObject, type RawObject } from "./raw.js";
import type { CallAnswerRule, CallStepRule, Calls } from "./types.js";

/** Reader for `x-wiretype-calls` (specs/README.md): the calls a default server keeps track of. */

function bad(sink: DiagnosticSink, pointer: string, message: string): undefined {
  sink.error("bad-extension", pointer, message);
  return undefined;
}

function readSteps(raw: unknown, pointer: string, sink: DiagnosticSink): CallStepRule[] | undefined {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) return bad(sink, pointer, "call steps are a list of { operation, when? }");
  const steps: CallStepRule[] = [];
  for (const [index, step] of raw.entries()) {
    const stepPointer = `${pointer}/${index}`;
    if (!isRawObject(step) || typeof step.operation !== "string")
      return bad(sink, stepPointer, "a call step is { operation, when? }");
    const when = readCondition(step.when, `${stepPointer}/when`, sink);
    steps.push({ operation: step.operation, ...(when ? { when } : {}) });
  }
  return steps;
}

function optionalPath(raw: unknown, pointer: string, sink: DiagnosticSink) {
  return raw === undefined ? undefined : readPayloadPath(raw, pointer, sink);
}

function readAnswer(raw: unknown, pointer: string, sink: DiagnosticSink): CallAnswerRule | undefined {
  if (raw === undefined) return undefined;
  if (!isRawObject(raw) || typeof raw.operation !== "string")
    return bad(sink, pointer, "a call answer is { operation, carry?, set?, self?, peer? }");
  const carry = stringList(raw.carry);
  if (carry === undefined) return bad(sink, `${pointer}/carry`, "`carry` is a list of member names");
  const self = optionalPath(raw.self, `${pointer}/self`, sink);
  const peer = optionalPath(raw.peer, `${pointer}/peer`, sink);
  return {
    operation: raw.operation,
    carry,
    set: readAssignments(raw.set, `${pointer}/set`, sink) ?? [],
    ...(self === undefined ? {} : { self }),
    ...(peer === undefined ? {} : { peer }),
  };
}

function readParts(raw: RawObject, pointer: string, sink: DiagnosticSink): Calls | undefined {
  const peer = readPayloadPath(raw.peer, `${pointer}/peer`, sink);
  const start = readSteps(raw.start, `${pointer}/start`, sink);
  const answer = readSteps(raw.answer, `${pointer}/answer`, sink);
  const end = readSteps(raw.end, `${pointer}/end`, sink);
  const busy = readAnswer(raw.busy, `${pointer}/busy`, sink);
  const absent = readAnswer(raw.absent, `${pointer}/absent`, sink);
  const dropped = readAnswer(raw.dropped, `${pointer}/dropped`, sink);
  if (peer === undefined || start === undefined || answer === undefined || end === undefined) return undefined;
  if (busy === undefined) return bad(sink, `${pointer}/busy`, "`busy` names the answer to a busy call");
  return {
    peer,
    start,
    answer,
    end,
    busy,
    ...(absent === undefined ? {} : { absent }),
    ...(dropped === undefined ? {} : { dropped }),
  };
}

export function readCalls(raw: unknown, pointer: string, sink: DiagnosticSink): Calls | undefined {
  if (raw === undefined) return undefined;
  if (!isRawObject(raw))
    return bad(sink, pointer, "`x-wiretype-calls` is { peer, start, answer?, end, busy, absent?, dropped? }");
  return readParts(raw, pointer, sink);
}
