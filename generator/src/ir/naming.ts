const reservedWords = new Set([
  "break",
  "case",
  "catch",
  "class",
  "const",
  "continue",
  "debugger",
  "default",
  "delete",
  "do",
  "else",
  "enum",
  "export",
  "extends",
  "false",
  "finally",
  "for",
  "function",
  "if",
  "import",
  "in",
  "instanceof",
  "new",
  "null",
  "return",
  "super",
  "switch",
  "this",
  "throw",
  "true",
  "try",
  "typeof",
  "var",
  "void",
  "while",
  "with",
  "yield",
  "let",
  "static",
  "implements",
  "interface",
  "package",
  "private",
  "protected",
  "public",
  "await",
  "object",
  "string",
  "number",
  "boolean",
  "unknown",
  "never",
  "any",
]);

/** Words of a name; letters of any script are kept (`用户` stays `用户`), everything else separates. */
function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^\p{L}\p{Nd}]+/u)
    .filter((word) => word.length > 0);
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** `call_remote_callback` → `CallRemoteCallback`, `verto.clientReady` → `VertoClientReady`. */
export function pascalCase(text: string): string {
  const result = words(text).map(capitalize).join("");
  if (result.length === 0) return "Unnamed";
  return /^[0-9]/.test(result) ? `N${result}` : result;
}

/** `CallRemote` → `callRemote`, safe as a JavaScript identifier. */
export function camelCase(text: string): string {
  const pascal = pascalCase(text);
  const camel = pascal.charAt(0).toLowerCase() + pascal.slice(1);
  return reservedWords.has(camel) ? `${camel}_` : camel;
}

const identifierPattern = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A property key as written in TypeScript source: bare when it can be, quoted otherwise. */
export function propertyKey(name: string): string {
  return identifierPattern.test(name) ? name : JSON.stringify(name);
}

/** A member name in an object literal (a value): there a `__proto__` key, bare or quoted, sets the prototype. */
export function literalKey(name: string): string {
  return name === "__proto__" ? '["__proto__"]' : propertyKey(name);
}

/** `SayPush` → `sayPush`: for names that get a suffix, so that a reserved word cannot result. */
export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Type names TypeScript refuses or that generated files import next to the spec's own types. */
const reservedTypeNames = new Set([...reservedWords, "symbol", "bigint", "undefined", "JsonValue", "JsonObject", "z"]);

/** A name kept as written: an ASCII identifier starting with a capital, or one starting with a caseless letter. */
const keptTypeName = /^(?:[A-Z]|(?=\p{Lo})\p{ID_Start})[\p{ID_Continue}]*$/u;

/**
 * Hands out type names that are valid identifiers and unique ignoring case, so that the derived
 * `fooSchema` and `isFoo` names cannot collide either (`objectWithKey` next to `ObjectWithKey`).
 */
export class TypeNameAllocator {
  readonly #taken = new Set<string>();

  isTaken(name: string): boolean {
    return this.#taken.has(name.toLowerCase());
  }

  /** The first candidate still free, else the last one numbered (`Foo2`, `Foo3`, …). */
  claim(candidates: readonly string[]): string {
    const free = candidates.find((candidate) => !this.isTaken(candidate));
    const base = candidates[candidates.length - 1] ?? "Unnamed";
    let name = free;
    for (let index = 2; name === undefined; index += 1) {
      if (!this.isTaken(`${base}${index}`)) name = `${base}${index}`;
    }
    this.#taken.add(name.toLowerCase());
    return name;
  }
}

/** The type name a key asks for: itself when it is already a good type name, else its PascalCase form. */
export function typeNameOf(key: string): string {
  return keptTypeName.test(key) && !reservedTypeNames.has(key) ? key : pascalCase(key);
}

/**
 * Type names for component keys: keys that are already good names keep them first, then the others
 * get their PascalCase form, numbered on a clash. Sorted, so the result does not depend on order.
 */
export function allocateTypeNames(keys: readonly string[], allocator: TypeNameAllocator): Map<string, string> {
  const names = new Map<string, string>();
  const sorted = [...keys].sort();
  for (const key of sorted.filter((key) => typeNameOf(key) === key)) names.set(key, allocator.claim([key]));
  for (const key of sorted.filter((key) => !names.has(key))) names.set(key, allocator.claim([typeNameOf(key)]));
  return names;
}
