import type { Diagnostic } from "../diagnostics.js";
import type { SpecSource } from "./load-spec.js";

/**
 * Members named `__proto__` never reach wiretype: @asyncapi/parser's readers turn them into the
 * object's prototype (or drop them). Refused before parsing, since validators without them would
 * accept what the document forbids, or the parser would report errors that name other members.
 */
export function lostPrototypeMembers(source: SpecSource): Diagnostic[] {
  return linesOfMember(source.text, "__proto__").map((line) => ({
    severity: "error",
    code: "parser-lost-member",
    message:
      "a member named `__proto__` cannot be read by @asyncapi/parser (it becomes the object's prototype and is lost): rename it",
    file: source.path,
    pointer: "",
    line,
  }));
}

/**
 * @asyncapi/parser reports an exception thrown inside it as an `uncaught-error` diagnostic whose message
 * carries the whole stack. wiretype says what failed without the stack, and names the cause it knows:
 * a member named `hasOwnProperty` (a property, a schema) breaks the parser's `$ref` resolver
 * (@stoplight/json-ref-resolver calls `target.hasOwnProperty(…)` on every object it crawls).
 */
export function explainParserCrash(message: string, text: string): string {
  const thrown = /message: (.*?)(?:, stack: |$)/s.exec(message)?.[1] ?? message.split("\n")[0] ?? message;
  const summary = `@asyncapi/parser failed on this document (${thrown.trim()})`;
  if (!thrown.includes("hasOwnProperty is not a function")) return summary;
  const line = linesOfMember(text, "hasOwnProperty")[0];
  const where = line === undefined ? "" : ` (line ${line})`;
  return `${summary}: a member named \`hasOwnProperty\`${where} breaks the parser's $ref resolver (@stoplight/json-ref-resolver), so the document cannot be read; rename that member`;
}

/** The 1-based lines holding a `name:` key: bare or quoted in YAML, quoted in JSON. */
function linesOfMember(text: string, name: string): number[] {
  const key = new RegExp(`(^[\\s-]*|[{,]\\s*)(${name}|"${name}"|'${name}')\\s*:`);
  return text.split("\n").flatMap((line, index) => (key.test(line) ? [index + 1] : []));
}
