export { changesetSlug, formatChanges, renderChangeset } from "./changeset.js";
export { compareSchema } from "./compare-schema.js";
export { diffProtocols } from "./diff-protocols.js";
export { type ChangeClass, highestClass, type SpecChange } from "./types.js";
