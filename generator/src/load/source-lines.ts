import { isMap, isSeq, LineCounter, parseDocument } from "yaml";

function unescapeSegment(segment: string): string {
  return segment.replaceAll("~1", "/").replaceAll("~0", "~");
}

/**
 * The 1-based line of the node at a JSON pointer in YAML or JSON text, or of its nearest existing
 * ancestor. Only called when there is something to report, so the extra YAML parse costs nothing
 * on the happy path.
 */
export function lineOfPointer(text: string, pointer: string): number | undefined {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, keepSourceTokens: false });
  let node: unknown = document.contents;
  let offset = 0;
  const segments = pointer === "" ? [] : pointer.slice(1).split("/").map(unescapeSegment);
  for (const segment of segments) {
    let next: unknown;
    if (isMap(node))
      next = node.items.find((pair) => String((pair.key as { value?: unknown })?.value) === segment)?.value;
    else if (isSeq(node)) next = node.items[Number(segment)];
    if (next === undefined || next === null) break;
    node = next;
  }
  const range = (node as { range?: [number, number, number] } | null)?.range;
  if (range) offset = range[0];
  return lineCounter.linePos(offset).line;
}
