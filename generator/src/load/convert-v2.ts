import type { ConvertOptions } from "@asyncapi/converter";
import type { Diagnostic } from "../diagnostics.js";
import { droppedParameterSchemas } from "./v2-parameters.js";

type AsyncApiData = { readonly asyncapi: string } & { readonly [key: string]: unknown };

/**
 * AsyncAPI 2.x → 3.0 with the AsyncAPI project's own converter, from the application's point of view
 * (its default): a 2.x `publish` (the application receives) becomes `action: receive`, which wiretype
 * reads as a message the client sends; `subscribe` becomes `action: send`. Channel keys (the 2.x
 * addresses) and component keys stay, so JSON pointers into `components` still name the user's file.
 * The converter is loaded on first use: a run of 3.x documents never pays for it.
 */
export async function convertToV3(
  file: string,
  data: { readonly [key: string]: unknown },
): Promise<{ ok: true; data: unknown; warnings: Diagnostic[] } | { ok: false; diagnostic: Diagnostic }> {
  const { convert } = await import("@asyncapi/converter");
  // The converter reports what it leaves out (2.x parameter schemas) on console.warn: caught here,
  // while the synchronous call runs, to become warnings of the user's file instead of stray output.
  const notes: string[] = [];
  const warn = console.warn;
  console.warn = (...parts: unknown[]) => notes.push(parts.map(String).join(" "));
  try {
    const converted = convert(structuredClone(data) as AsyncApiData, "3.0.0", { v2tov3: { idGenerator: idOf } });
    // Parameter schemas are reported precisely, per parameter; other notes as the converter words them.
    const others = notes.filter((note) => !note.startsWith("Found properties in parameter schema"));
    const warnings = [...droppedParameterSchemas(file, data), ...others.map((note) => converterWarning(file, note))];
    return { ok: true, data: converted, warnings };
  } catch (failure) {
    const reason = failure instanceof Error ? failure.message : String(failure);
    return {
      ok: false,
      diagnostic: {
        severity: "error",
        code: "unconvertible",
        message: `AsyncAPI ${String(data.asyncapi)} could not be converted to 3.0 by @asyncapi/converter: ${reason}`,
        file,
        pointer: "",
        line: 1,
      },
    };
  } finally {
    console.warn = warn;
  }
}

type IdRequest = Parameters<NonNullable<NonNullable<ConvertOptions["v2tov3"]>["idGenerator"]>>[0];

function unescapePointer(segment: string): string {
  return segment.replaceAll("~1", "/").replaceAll("~0", "~");
}

/**
 * The converter's own ids, except that a message taken from `components.messages` keeps its component
 * key (`lightMeasured`, not `receiveLightMeasurement.message`), as it would in a 3.0 document: the
 * generated type names then match what the user wrote.
 */
function idOf(request: IdRequest): string {
  const object = request.object as { $ref?: unknown; messageId?: unknown; operationId?: unknown } | null;
  if (request.kind === "channel") return String(request.key);
  if (request.kind === "operation") {
    const declared = typeof object?.operationId === "string" ? object.operationId : undefined;
    return declared ?? (request.parentId ? `${request.parentId}.${String(request.key)}` : "operation");
  }
  const reference = typeof object?.$ref === "string" ? /^#\/components\/messages\/([^/]+)$/.exec(object.$ref) : null;
  if (reference?.[1] !== undefined) return unescapePointer(reference[1]);
  if (typeof object?.messageId === "string") return object.messageId;
  const kind = (request.parentId ?? "").split(".").pop() ?? "";
  return typeof request.key === "number" ? `${kind}.message.${request.key}` : `${kind}.message`;
}

function converterWarning(file: string, note: string): Diagnostic {
  const message = `converting from 2.x: ${note.replaceAll("\n", "; ")}`;
  return { severity: "warning", code: "converted-v2", message, file, pointer: "/channels" };
}
