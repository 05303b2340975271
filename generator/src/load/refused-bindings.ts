import type { Diagnostic } from "../diagnostics.js";

/** `/channels/q/bindings/amqp/replyTo` → `["channels", "q", "bindings", "amqp"]`: the binding it is in. */
function bindingPath(pointer: string): string[] | undefined {
  const segments = pointer
    .split("/")
    .slice(1)
    .map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"));
  const at = segments.lastIndexOf("bindings");
  return at === -1 || at + 1 >= segments.length ? undefined : segments.slice(0, at + 2);
}

/**
 * The bindings behind the parser's errors, when every error is inside one (a 2.x binding checked
 * against its newest schema after conversion, an amqp binding with a field of another version);
 * undefined when some error is about something else.
 */
export function refusedBindings(errors: readonly Diagnostic[]): string[][] | undefined {
  const paths = errors.map((error) => bindingPath(error.pointer));
  if (paths.length === 0 || paths.some((path) => path === undefined)) return undefined;
  return paths as string[][];
}

/** A copy of the document without those bindings. */
export function withoutBindings(data: unknown, paths: readonly (readonly string[])[]): unknown {
  const copy: unknown = structuredClone(data);
  for (const path of paths) {
    let node: unknown = copy;
    for (const segment of path.slice(0, -1)) node = (node as Record<string, unknown> | undefined)?.[segment];
    const last = path[path.length - 1];
    if (node !== null && typeof node === "object" && last !== undefined) delete (node as Record<string, unknown>)[last];
  }
  return copy;
}

/** wiretype interprets only `ws` bindings: one it cannot validate is left out, and says so. */
export function bindingLeftOut(error: Diagnostic): Diagnostic {
  const message = `binding left out (the parser refuses it: ${error.message}); wiretype does not use it`;
  return { ...error, severity: "warning", code: "binding-left-out", message };
}
