/**
 * Biome removes the parentheses of `a && (b && c)` but lays the chain out as it was nested, and only a
 * second pass lays it out flat. Removing those parentheses first (a group of `&&` operands inside an
 * `&&`, or of `||` inside `||`: the same value, the operator being associative) makes one Biome pass
 * give the fixed point, so a run formats once. Anything this scan is unsure of keeps its parentheses.
 */
export function flattenLogicalGroups(text: string): string {
  if (!mayNestLogicalGroup.test(text)) return text;
  const removed = redundantParentheses(text);
  if (removed.length === 0) return text;
  let result = "";
  let from = 0;
  for (const at of removed.sort((a, b) => a - b)) {
    result += `${text.slice(from, at)} `;
    from = at + 1;
  }
  return result + text.slice(from);
}

/** An open bracket: where it is, the token before it, and the group operators seen directly inside. */
interface OpenGroup {
  readonly kind: Kind;
  readonly start: number;
  readonly before: Kind;
  operators: number;
}

/**
 * Offsets of the parentheses to take out, found in one scan: a group is judged when the token after
 * its `)` is known.
 */
function redundantParentheses(text: string): number[] {
  const removed: number[] = [];
  const open: OpenGroup[] = [];
  let previous: Kind = Kind.Separator;
  let closed: { readonly group: OpenGroup; readonly end: number } | undefined;
  scanTokens(text, (kind, start) => {
    if (closed !== undefined && redundant(closed.group, kind)) removed.push(closed.group.start, closed.end);
    closed = undefined;
    if (kind === Kind.OpenParen || kind === Kind.OpenBracket)
      open.push({ kind, start, before: previous, operators: 0 });
    else if (kind === Kind.CloseParen || kind === Kind.CloseBracket) {
      const group = open.pop();
      if (kind === Kind.CloseParen && group?.kind === Kind.OpenParen) closed = { group, end: start };
    } else {
      const group = open.at(-1);
      if (group !== undefined) group.operators |= operatorBit(kind);
    }
    previous = kind;
    return previous;
  });
  if (closed !== undefined && redundant(closed.group, Kind.Separator)) removed.push(closed.group.start, closed.end);
  return removed;
}

/** A parenthesised operand of `&&` or `||` has one of them just before its `(` or just after its `)`. */
const mayNestLogicalGroup = /(?:&&|\|\|)\s*\(|\)\s*(?:&&|\|\|)/;

/** What the scan tells apart: brackets, the operators that decide a group, and everything else. */
enum Kind {
  OpenParen,
  /** `[` or `{`. */
  OpenBracket,
  CloseParen,
  /** `]` or `}`. */
  CloseBracket,
  And,
  Or,
  /** `,` `;` `:` `?`: nothing binds across them. */
  Separator,
  /** `=>` `=`: an expression starts after them. */
  Starts,
  Coalesce,
  Return,
  /** A word after which `/` starts a regular expression (`typeof`, `case`, …). */
  WordBeforeRegex,
  Word,
  Literal,
  Punctuator,
}

const and = 1;
const or = 2;
const other = 4;

function operatorBit(kind: Kind): number {
  if (kind === Kind.And) return and;
  if (kind === Kind.Or) return or;
  return kind === Kind.Separator || kind === Kind.Starts || kind === Kind.Coalesce ? other : 0;
}

/** Whether `group`, followed by a token of kind `after`, is an `&&` (`||`) chain inside the same operator. */
function redundant(group: OpenGroup, after: Kind): boolean {
  const inner = chainOperator(group.operators);
  if (inner === undefined) return false;
  const left = precedenceBefore(group.before);
  const right = precedenceAfter(after);
  if (left === undefined || right === undefined) return false;
  // The operator binding tighter takes the group; between equals, the left one (both are left-associative).
  const parent = left >= right ? group.before : after;
  return Math.max(left, right) > 0 && parent === inner;
}

function chainOperator(operators: number): Kind | undefined {
  if ((operators & other) !== 0) return undefined;
  if ((operators & or) !== 0) return Kind.Or;
  return (operators & and) !== 0 ? Kind.And : undefined;
}

const logicalPrecedence = (kind: Kind): number | undefined =>
  kind === Kind.And ? 2 : kind === Kind.Or ? 1 : undefined;

/** 0 when no operator binds the group from the left, the operator's precedence, undefined when unsure. */
function precedenceBefore(kind: Kind): number | undefined {
  const neutral = [Kind.OpenParen, Kind.OpenBracket, Kind.Separator, Kind.Starts, Kind.Return].includes(kind);
  return neutral ? 0 : logicalPrecedence(kind);
}

function precedenceAfter(kind: Kind): number | undefined {
  const neutral = kind === Kind.CloseParen || kind === Kind.CloseBracket || kind === Kind.Separator;
  return neutral ? 0 : logicalPrecedence(kind);
}

/** Multi-character punctuators, by length: the scan takes the longest that matches. */
const punctuators3 = new Set(["...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "??="]);
const punctuators2 = new Set(["=>", "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "++", "--", "+=", "-="]);
for (const punctuator of ["*=", "/=", "%=", "&=", "|=", "^=", "**", "<<", ">>"]) punctuators2.add(punctuator);

function punctuatorAt(text: string, at: number): string {
  const three = text.slice(at, at + 3);
  if (punctuators3.has(three)) return three;
  const two = three.slice(0, 2);
  return punctuators2.has(two) ? two : (text[at] as string);
}

const punctuatorKinds: ReadonlyMap<string, Kind> = new Map([
  ["(", Kind.OpenParen],
  ["[", Kind.OpenBracket],
  ["{", Kind.OpenBracket],
  [")", Kind.CloseParen],
  ["]", Kind.CloseBracket],
  ["}", Kind.CloseBracket],
  ["&&", Kind.And],
  ["||", Kind.Or],
  [",", Kind.Separator],
  [";", Kind.Separator],
  [":", Kind.Separator],
  ["?", Kind.Separator],
  ["=>", Kind.Starts],
  ["=", Kind.Starts],
  ["??", Kind.Coalesce],
]);

/** Words after which a `/` starts a regular expression rather than a division. */
const beforeRegex = new Set(["typeof", "case", "in", "of", "new", "delete", "void", "throw", "else", "do"]);

function wordKind(word: string): Kind {
  if (word === "return") return Kind.Return;
  return beforeRegex.has(word) ? Kind.WordBeforeRegex : Kind.Word;
}

function isWordCode(code: number): boolean {
  // 0-9, A-Z, a-z, _, $, and anything past ASCII (identifiers may hold letters of any script).
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 95 ||
    code === 36 ||
    code > 127
  );
}

const isSpaceCode = (code: number): boolean =>
  code <= 32 || code === 0xa0 || code === 0xfeff || code === 0x2028 || code === 0x2029;

/**
 * Calls `token` with each significant token of TypeScript text (comments and whitespace skipped,
 * literals whole); it returns the kind the scan should remember as the last one.
 */
function scanTokens(text: string, token: (kind: Kind, start: number) => Kind): void {
  /** Per open template substitution, how many `{` inside it are still open. */
  const templates: number[] = [];
  let last: Kind | undefined;
  let at = 0;
  while (at < text.length) {
    const code = text.charCodeAt(at);
    const next = text[at + 1];
    if (isSpaceCode(code)) at += 1;
    else if (code === 47 && next === "/") at = lineEnd(text, at);
    else if (code === 47 && next === "*") at = blockCommentEnd(text, at);
    else if (code === 34 || code === 39) {
      last = token(Kind.Literal, at);
      at = quotedEnd(text, at, text[at] as string);
    } else if (code === 96 || (code === 125 && templates.at(-1) === 0)) {
      if (code === 125) templates.pop();
      last = token(Kind.Literal, at);
      at = templateEnd(text, at + 1, templates);
    } else if (code === 47 && regexAllowed(last)) {
      last = token(Kind.Literal, at);
      at = regexEnd(text, at);
    } else if (isWordCode(code)) {
      let end = at + 1;
      while (end < text.length && isWordCode(text.charCodeAt(end))) end += 1;
      last = token(wordKind(text.slice(at, end)), at);
      at = end;
    } else {
      const punctuator = punctuatorAt(text, at);
      const depth = templates.length - 1;
      if (depth >= 0 && punctuator === "{") templates[depth] = (templates[depth] as number) + 1;
      if (depth >= 0 && punctuator === "}") templates[depth] = (templates[depth] as number) - 1;
      last = token(punctuatorKinds.get(punctuator) ?? Kind.Punctuator, at);
      at += punctuator.length;
    }
  }
}

function regexAllowed(previous: Kind | undefined): boolean {
  if (previous === undefined) return true;
  return ![Kind.CloseParen, Kind.CloseBracket, Kind.Word, Kind.Literal].includes(previous);
}

function lineEnd(text: string, at: number): number {
  const end = text.indexOf("\n", at);
  return end === -1 ? text.length : end;
}

function blockCommentEnd(text: string, at: number): number {
  const end = text.indexOf("*/", at + 2);
  return end === -1 ? text.length : end + 2;
}

function quotedEnd(text: string, at: number, quote: string): number {
  let end = at + 1;
  while (end < text.length && text[end] !== quote && text[end] !== "\n") end += text[end] === "\\" ? 2 : 1;
  return end + 1;
}

/** After a template's opening `` ` `` or a `}` closing a substitution: past its end or into `${`. */
function templateEnd(text: string, at: number, templates: number[]): number {
  let end = at;
  while (end < text.length) {
    const char = text[end];
    if (char === "\\") end += 2;
    else if (char === "`") return end + 1;
    else if (char === "$" && text[end + 1] === "{") {
      templates.push(0);
      return end + 2;
    } else end += 1;
  }
  return end;
}

function regexEnd(text: string, at: number): number {
  let end = at + 1;
  let inClass = false;
  while (end < text.length && text[end] !== "\n") {
    const char = text[end];
    if (char === "\\") end += 1;
    else if (char === "[") inClass = true;
    else if (char === "]") inClass = false;
    else if (char === "/" && !inClass) break;
    end += 1;
  }
  end += 1;
  while (end < text.length && isWordCode(text.charCodeAt(end))) end += 1;
  return end;
}
