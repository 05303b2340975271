import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Sources } from "./compare-inventory.js";

const shared = fileURLToPath(new URL("../../../../shared/", import.meta.url));

/** The field notes, `../shared/protocol-notes.md`. */
export function readNotes(): string {
  return readFileSync(`${shared}protocol-notes.md`, "utf8");
}

/** The seed document's lines and the notes, for one inventory. */
export function readSources(document: string): Sources {
  return { seedLines: readFileSync(`${shared}seeds/${document}`, "utf8").split("\n"), notes: readNotes() };
}
