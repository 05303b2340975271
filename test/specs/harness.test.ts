import { describe, expect, it } from "vitest";
import { isJsonObject, type JsonObject, readSpecData } from "../support/spec-files.js";
import { compareInventory, notesContain } from "./harness/compare-inventory.js";
import { checkNotesProvenance } from "./harness/provenance.js";
import { readNotes, readSources } from "./harness/sources.js";
import { kurentoRoomInventory } from "./inventory/kurento-room.js";
import type { SeedInventory } from "./inventory/types.js";

/** A scratch copy of the kurento-room spec (in memory), broken by `edit`. */
function brokenSpec(edit: (joinRoom: JsonObject, document: JsonObject) => void): JsonObject {
  const document = structuredClone(readSpecData("kurento-room"));
  const payload = (document.components as JsonObject).messages as JsonObject;
  const joinRoom = (payload.joinRoom as JsonObject).payload as JsonObject;
  edit(joinRoom, document);
  return document;
}

function property(joinRoom: JsonObject, name: string): JsonObject {
  const found = (joinRoom.properties as JsonObject)[name];
  if (!isJsonObject(found)) throw new Error(`joinRoom has no ${name}`);
  return found;
}

const sources = readSources(kurentoRoomInventory.document);

/** What the harness reports for the copy that the intact spec does not. */
function newProblems(document: JsonObject, inventory: SeedInventory = kurentoRoomInventory): string[] {
  const before = new Set(compareInventory(readSpecData("kurento-room"), kurentoRoomInventory, sources));
  return compareInventory(document, inventory, sources).filter((problem) => !before.has(problem));
}

describe("the inventory harness catches each class of mistake in a scratch copy of a spec", () => {
  it("a wrong type", () => {
    const document = brokenSpec((joinRoom) => {
      property(joinRoom, "token").type = "integer";
    });
    expect(newProblems(document)).toEqual(["client joinRoom token: type is [integer], expected [string]"]);
  });

  it("a wrong required", () => {
    const document = brokenSpec((joinRoom) => {
      joinRoom.required = ["id", "userId", "communityId", "roomId", "video", "audio"];
    });
    expect(newProblems(document)).toEqual(["client joinRoom token: required is false, expected true"]);
  });

  it("an extra value the document does not list, unless marked with provenance", () => {
    const extra = { value: "1", name: "one", description: "Not in the document." };
    const unmarked = brokenSpec((joinRoom) => {
      (property(joinRoom, "communityId")["x-wiretype-values"] as JsonObject[]).push(extra);
    });
    expect(newProblems(unmarked)).toEqual([
      'client joinRoom communityId: values add "1" without x-wiretype-provenance',
    ]);
    const marked = brokenSpec((joinRoom) => {
      const note = { source: "wiretype", note: "an illustration" };
      (property(joinRoom, "communityId")["x-wiretype-values"] as JsonObject[]).push({
        ...extra,
        "x-wiretype-provenance": note,
      });
    });
    expect(newProblems(marked)).toEqual([]);
  });

  it("a documented value missing", () => {
    const document = brokenSpec((joinRoom) => {
      delete property(joinRoom, "roomId")["x-wiretype-values"];
    });
    expect(newProblems(document)).toEqual(['client joinRoom roomId: values miss documented "c-10", "r-5"']);
  });

  it("a wrong document line", () => {
    const inventory: SeedInventory = structuredClone(kurentoRoomInventory);
    const joinRoom = inventory.messages[0];
    const token = joinRoom?.fields.find((field) => field.path === "token");
    if (token === undefined) throw new Error("inventory has no joinRoom token");
    Object.assign(token, { line: token.line + 1 });
    const problems = newProblems(readSpecData("kurento-room"), inventory);
    expect(problems).toEqual(["client joinRoom token: line 77 does not mention token"]);
  });

  it("a false provenance claim", () => {
    const notes = readNotes();
    const intact = new Set(checkNotesProvenance(readSpecData("kurento-room"), notes));
    const document = brokenSpec((joinRoom) => {
      property(joinRoom, "token")["x-wiretype-provenance"] = {
        source: "notes",
        ref: "livekit/livekit pkg/rtc/room.go",
        note: "tokens are `JWT` strings",
      };
    });
    const problems = checkNotesProvenance(document, notes).filter((problem) => !intact.has(problem));
    expect(problems).toEqual([
      "#/components/messages/joinRoom/payload/properties/token: ref livekit/livekit is not in the notes",
      "#/components/messages/joinRoom/payload/properties/token: ref pkg/rtc/room.go is not in the notes",
      "#/components/messages/joinRoom/payload/properties/token: note `JWT` is not in the notes",
    ]);
  });

  it("a type wider than the document's, unless the notes give evidence", () => {
    const inventory: SeedInventory = structuredClone(kurentoRoomInventory);
    const token = inventory.messages[0]?.fields.find((field) => field.path === "token");
    if (token === undefined) throw new Error("inventory has no joinRoom token");
    const document = brokenSpec((joinRoom) => {
      property(joinRoom, "token").type = ["string", "null"];
    });
    Object.assign(token, { widened: { type: ["string", "null"], evidence: "tokens may be null" } });
    expect(newProblems(document, inventory)).toEqual(["client joinRoom token: widened evidence is not in the notes"]);
    Object.assign(token, { widened: { type: ["string", "null"], evidence: "Kurento/kurento-tutorial-java" } });
    expect(newProblems(document, inventory)).toEqual([]);
  });
});

describe("evidence phrases are looked up in the notes as prose", () => {
  const notes = "- Login: `jquery.verto.js` first sends `login {sessid}`\n  without credentials and expects an error.";

  it("finds a phrase that the notes wrap across a line break", () => {
    expect(notesContain(notes, "login {sessid}` without credentials")).toBe(true);
  });

  it("refuses a phrase the notes do not hold, and one too short to mean anything", () => {
    expect(notesContain(notes, "without a password")).toBe(false);
    expect(notesContain(notes, "Login")).toBe(false);
  });
});
