import { type ChangeClass, highestClass, type SpecChange } from "./types.js";

/** The changeset that releases a spec change: the package bumped by the highest class, each change listed. */
export function renderChangeset(packageName: string, changes: readonly SpecChange[]): string | undefined {
  const bump = highestClass(changes);
  if (bump === undefined) return undefined;
  const order: ChangeClass[] = ["major", "minor", "patch"];
  const listed = order.flatMap((changeClass) =>
    changes
      .filter((change) => change.changeClass === changeClass)
      .map((change) => `- ${changeClass}: \`${change.path}\`: ${change.what}`),
  );
  return [
    "---",
    `"${packageName}": ${bump}`,
    "---",
    "",
    "Spec change, classified by `wiretype diff`:",
    "",
    ...listed,
    "",
  ].join("\n");
}

/** `voxy-spec-major`, then `-2`, `-3`… when taken: changeset names only need to be unique. */
export function changesetSlug(protocolId: string, bump: ChangeClass, taken: (slug: string) => boolean): string {
  const base = `${protocolId}-spec-${bump}`;
  let slug = base;
  for (let n = 2; taken(slug); n += 1) slug = `${base}-${n}`;
  return slug;
}

/** One line per change, aligned: `major  messages.bind.payload.link_id  field removed`. */
export function formatChanges(changes: readonly SpecChange[]): string[] {
  const width = Math.max(0, ...changes.map((change) => change.path.length));
  return changes.map((change) => `${change.changeClass.padEnd(5)}  ${change.path.padEnd(width)}  ${change.what}`);
}
