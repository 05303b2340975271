import type { Protocol } from "../../ir/types.js";
import type { GeneratedFile } from "../generated-file.js";
import { type Flow, operationFlows, sessionFlow } from "./flows.js";
import { code, frontMatter, prose, specDownload } from "./markdown.js";
import { sequenceSvg } from "./sequence-svg.js";
import { storyFlow } from "./stories.js";

function flowSection(flow: Flow, level: string): string[] {
  return [
    `${level} ${prose(flow.title)} {#${flow.id}}`,
    "",
    ...(flow.caption === "" ? [] : [prose(flow.caption), ""]),
    sequenceSvg(flow),
    "",
  ];
}

/** `protocols/<id>/flows.md`: sequence diagrams built from the session, the answered operations and the forward rules. */
export function emitFlowsPage(protocol: Protocol): GeneratedFile {
  const lines = [
    frontMatter(protocol, ["outline: [2, 3]"]),
    `# ${prose(protocol.title)}: flows`,
    "",
    `Sequence diagrams drawn from the spec (${code(protocol.specPath)}, ${specDownload(protocol)}): the session handshake and its outcomes, every request with its answers (dashed), and what the server forwards (to a peer, a room or everyone). Each message is described on the [messages page](./messages).`,
    "",
  ];
  for (const channel of protocol.channels) {
    const session = sessionFlow(protocol, channel);
    const suffix = protocol.channels.length > 1 ? ` (${code(channel.id)})` : "";
    const story = storyFlow(protocol, channel);
    if (story !== undefined) lines.push(...flowSection({ ...story, title: `${story.title}${suffix}` }, "##"));
    if (session !== undefined) lines.push(...flowSection({ ...session, title: `${session.title}${suffix}` }, "##"));
    const flows = operationFlows(protocol, channel);
    if (flows.length > 0) {
      lines.push(
        `## Requests, answers and forwarding${suffix}`,
        "",
        ...flows.flatMap((flow) => flowSection(flow, "###")),
      );
    }
  }
  return { path: `protocols/${protocol.id}/flows.md`, content: `${lines.join("\n").trimEnd()}\n` };
}
