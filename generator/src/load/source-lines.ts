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
  // The line reported is the key's (`not:`), not where its value starts (the next line for a block).
  let located: unknown = node;
  const segments = pointer === "" ? [] : pointer.slice(1).split("/").map(unescapeSegment);
  for (const segment of segments) {
    let next: unknown;
    let anchor: unknown;
    if (isMap(node)) {
      const pair = node.items.find((item) => String((item.key as { value?: unknown })?.value) === segment);
      next = pair?.value;
      anchor = pair?.key;
    } else if (isSeq(node)) {
      next = node.items[Number(segment)];
      anchor = next;
    }
    if (next === undefined || next === null) break;
    node = next;
    located = anchor ?? next;
  }
  const range = (located as { range?: [number, number, number] } | null)?.range;
  return lineCounter.linePos(range ? range[0] : 0).line;
}
