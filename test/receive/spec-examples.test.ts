import { readFileSync } from "node:fs";
import { buildProtocol, loadSpec, type Protocol } from "@wiretype/generator";
import * as kurentoRoom from "@wiretype/kurento-room/schemas";
import * as verto from "@wiretype/verto/schemas";
import * as voxy from "@wiretype/voxy/schemas";
import * as workspace from "@wiretype/workspace/schemas";
import * as yueyue from "@wiretype/yueyue/schemas";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { type ProtocolName, protocolNames, specPath } from "../support/spec-files.js";

const modules: Record<ProtocolName, Record<string, unknown>> = {
  voxy,
  yueyue,
  workspace,
  verto,
  "kurento-room": kurentoRoom,
};

async function protocolOf(name: ProtocolName): Promise<Protocol> {
  const path = specPath(name);
  const { spec } = await loadSpec({ path, text: readFileSync(path, "utf8") });
  return buildProtocol(spec, { id: name });
}

function schemaFor(module: Record<string, unknown>, typeName: string): z.ZodType {
  const name = `${typeName.charAt(0).toLowerCase()}${typeName.slice(1)}Schema`;
  const schema = module[name];
  if (schema === undefined) throw new Error(`no ${name} exported`);
  return schema as z.ZodType;
}

interface KeyedDispatchLike {
  decode(frame: string): { ok: boolean; name?: string };
}

describe.each(protocolNames)("%s: every example of the spec passes the generated validators", (name) => {
  it("validates each example with its message's zod schema", async () => {
    const protocol = await protocolOf(name);
    const failures = protocol.messages.flatMap((message) =>
      message.examples.flatMap((example, index) => {
        const result = schemaFor(modules[name], message.typeName).safeParse(example.payload);
        return result.success ? [] : [`${message.id} #${index}: ${result.error.message}`];
      }),
    );
    expect(failures).toEqual([]);
  });

  it("decodes each example frame through the dispatch of the side that sends it", async () => {
    const protocol = await protocolOf(name);
    const channel = protocol.channels[0];
    if (channel?.framing.kind !== "json") return;
    const failures: string[] = [];
    for (const message of protocol.messages) {
      for (const side of message.senders) {
        const dispatch = modules[name][
          `${protocol.identifier.charAt(0).toLowerCase()}${protocol.identifier.slice(1)}${side === "client" ? "Client" : "Server"}Dispatch`
        ] as KeyedDispatchLike;
        for (const example of message.examples) {
          const result = dispatch.decode(JSON.stringify(example.payload));
          if (!result.ok || result.name !== message.wireName) failures.push(`${message.id} as ${side}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
