import { isJsonObject, type JsonValue } from "../../support/spec-files.js";

/** A `x-wiretype-provenance` object and where it sits in the spec. */
interface Claim {
  readonly at: string;
  readonly ref: string;
  readonly note: string;
}

function collectClaims(node: JsonValue, at: string, out: Claim[]): void {
  if (Array.isArray(node)) {
    for (const [index, child] of node.entries()) collectClaims(child, `${at}/${index}`, out);
    return;
  }
  if (!isJsonObject(node)) return;
  const claim = node["x-wiretype-provenance"];
  if (isJsonObject(claim) && claim.source === "notes") {
    out.push({ at, ref: String(claim.ref ?? ""), note: String(claim.note ?? "") });
  }
  for (const [name, child] of Object.entries(node)) collectClaims(child, `${at}/${name}`, out);
}

const fileName = /\.(c|h|js|ts|java|php|swift|md|go|py)$/;

/** Repositories (`owner/name`) and files (`a/b.c`, `x.js`) named in a ref: the keywords to check. */
function refKeywords(ref: string): string[] {
  return ref
    .split(/[\s;,()]+/)
    .map((token) => token.replace(/[.:]+$/, ""))
    .filter((token) => token !== "protocol-notes.md" && (token.includes("/") || fileName.test(token)));
}

/** The notes' brace lists spelled out: `lib/{a,b}.js` also reads `lib/a.js` and `lib/b.js`. */
function expandBraces(notes: string): string {
  const expanded = [...notes.matchAll(/([\w./-]*)\{([\w,.-]+)\}([\w./-]*)/g)].flatMap(([, head, list, tail]) =>
    (list ?? "").split(",").map((item) => `${head}${item}${tail}`),
  );
  return [notes, ...expanded].join("\n");
}

/** A ref keyword is in the notes verbatim, or (for a path) its file name is. */
function refKeywordKnown(notes: string, keyword: string): boolean {
  const base = keyword.split("/").at(-1) ?? keyword;
  return notes.includes(keyword) || (fileName.test(base) && notes.includes(base));
}

/** Code spans in a note (`…`): each names something the notes must contain. */
function noteKeywords(note: string): string[] {
  return [...note.matchAll(/`([^`]+)`/g)].map((match) => match[1] ?? "");
}

function claimProblems(claim: Claim, notes: string): string[] {
  const refs = refKeywords(claim.ref);
  const spans = noteKeywords(claim.note);
  const problems = [
    ...refs
      .filter((keyword) => !refKeywordKnown(notes, keyword))
      .map((keyword) => `ref ${keyword} is not in the notes`),
    ...spans.filter((span) => !notes.includes(span)).map((span) => `note \`${span}\` is not in the notes`),
  ];
  if (refs.length + spans.length === 0) problems.push("names no repository, file or `term` of the notes");
  return problems.map((problem) => `${claim.at}: ${problem}`);
}

/** Every `x-wiretype-provenance: notes` whose ref or note keywords the field notes do not contain. */
export function checkNotesProvenance(document: JsonValue, rawNotes: string): string[] {
  const notes = expandBraces(rawNotes);
  const claims: Claim[] = [];
  collectClaims(document, "#", claims);
  return claims.flatMap((claim) => claimProblems(claim, notes));
}
