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

function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
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

/** `SayPush` → `sayPush`: for names that get a suffix, so that a reserved word cannot result. */
export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
