const quote = 34;
const backslash = 92;
const openBrace = 123;
const closeBrace = 125;
const openBracket = 91;
const closeBracket = 93;
const comma = 44;

/**
 * Where the JSON value starting at `start` ends (its end offset), for a text JSON.parse accepted; -1
 * when no value starts there. Nested values are skipped iteratively, so depth costs no stack.
 */
export function valueEnd(text: string, start: number): number {
  const code = text.charCodeAt(start);
  if (code === quote) return stringEnd(text, start);
  if (code === openBrace || code === openBracket) return nestedEnd(text, start);
  let index = start;
  for (; index < text.length; index += 1) {
    const next = text.charCodeAt(index);
    if (next === comma || next === closeBrace || next === closeBracket || next <= 32) break;
  }
  return index > start ? index : -1;
}

function nestedEnd(text: string, start: number): number {
  let depth = 0;
  let index = start;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === quote) {
      index = stringEnd(text, index);
      if (index < 0) return -1;
      continue;
    }
    if (code === openBrace || code === openBracket) depth += 1;
    else if (code === closeBrace || code === closeBracket) depth -= 1;
    index += 1;
    if (depth === 0) return index;
  }
  return -1;
}

function stringEnd(text: string, start: number): number {
  for (let index = start + 1; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === backslash) index += 1;
    else if (code === quote) return index + 1;
  }
  return -1;
}
