import { beforeAll, describe, expect, it } from "vitest";
import { storyFlow } from "../../generator/src/emit/docs/stories.js";
import { generateAll } from "./support/generated.js";

/** The end-to-end stories on the flows pages, drawn from the specs' facts. */

async function story(id: string) {
  const { packages } = await generateAll();
  const protocol = packages.find((each) => each.protocol.id === id)?.protocol;
  const channel = protocol?.channels[0];
  if (protocol === undefined || channel === undefined) throw new Error(`no ${id}`);
  const flow = storyFlow(protocol, channel);
  if (flow === undefined) throw new Error(`${id} has no story`);
  const arrows = flow.steps.flatMap((step) =>
    step.kind === "arrow" ? [`${flow.participants[step.from]} → ${flow.participants[step.to]}: ${step.label}`] : [],
  );
  return { flow, arrows };
}

function order(arrows: readonly string[], wanted: readonly string[]): number[] {
  return wanted.map((arrow) => arrows.indexOf(arrow));
}

describe("stories", () => {
  // The whole pipeline runs once for the file (slow on a busy machine).
  beforeAll(() => generateAll(), 120_000);

  it("voxy: a whole call, the callee reached through the server and the hang-up forwarded", async () => {
    const { flow, arrows } = await story("voxy");
    expect(flow.participants).toEqual(["Alice", "Server", "Bob"]);
    const positions = order(arrows, [
      "Alice → Server: bind",
      "Bob → Server: bind",
      "Alice → Server: call_remote",
      "Bob → Server: call_remote_callback",
      "Server → Alice: call_remote_callback",
      "Alice → Server: cancel_phone",
      "Server → Bob: cancel_phone",
    ]);
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it("verto: login, a call (invite, bye) and the session's other requests", async () => {
    const { arrows } = await story("verto");
    for (const arrow of ["Alice → Server: login", "Alice → Server: verto.invite", "Alice → Server: verto.bye"])
      expect(arrows).toContain(arrow);
    expect(arrows.indexOf("Alice → Server: login")).toBe(0);
  });

  it("kurento-room: three members join, each announced to those already in the room, and one leaves", async () => {
    const { flow, arrows } = await story("kurento-room");
    expect(flow.participants).toEqual(["Alice", "Server", "Bob", "Carol"]);
    expect(arrows.filter((arrow) => arrow.endsWith(": joinRoom"))).toHaveLength(3);
    expect(arrows.filter((arrow) => arrow.endsWith(": newParticipantArrived"))).toEqual([
      "Server → Alice: newParticipantArrived",
      "Server → Alice: newParticipantArrived",
      "Server → Bob: newParticipantArrived",
    ]);
    expect(arrows.at(-1)).toMatch(/^Server → \w+: participantLeft$/);
  });
});
