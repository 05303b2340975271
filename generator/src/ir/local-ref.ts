import { isRawObject } from "./raw.js";

/**
 * The value a same-document `$ref` (`#/components/schemas/Name`) points at, read with own keys only,
 * or undefined when the pointer is not local or leads nowhere.
 *
 * @asyncapi/parser, given a source path, leaves some local `$ref`s unresolved (the one under a
 * property named `constructor`, for one): resolving them here keeps the reference instead of
 * degrading the member to JsonValue.
 */
export function resolveLocalRef(root: unknown, ref: string): unknown {
  if (ref !== "#" && !ref.startsWith("#/")) return undefined;
  let value = root;
  for (const segment of pointerSegments(ref.slice(1))) {
    if (Array.isArray(value) && /^(0|[1-9]\d*)$/.test(segment)) value = value[Number(segment)];
    else if (isRawObject(value) && Object.hasOwn(value, segment)) value = value[segment];
    else return undefined;
  }
  return value;
}

function pointerSegments(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((segment) => decodeSegment(segment).replaceAll("~1", "/").replaceAll("~0", "~"));
}

/** A pointer in a URI fragment may be percent-encoded (`#/components/schemas/My%20Name`). */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
