const contextLines = 2;
const shownLines = 6;

/** The first place two texts differ, as a few `-`/`+` lines with a line number. */
export function shortDiff(expected: string, actual: string): string {
  const want = expected.split("\n");
  const have = actual.split("\n");
  let first = 0;
  while (first < want.length && first < have.length && want[first] === have[first]) first += 1;
  const from = Math.max(0, first - contextLines);
  const lines = [`  @@ line ${first + 1} @@`];
  for (let index = from; index < first; index += 1) lines.push(`    ${want[index]}`);
  for (const line of have.slice(first, first + shownLines)) lines.push(`  - ${line}`);
  for (const line of want.slice(first, first + shownLines)) lines.push(`  + ${line}`);
  return lines.join("\n");
}
