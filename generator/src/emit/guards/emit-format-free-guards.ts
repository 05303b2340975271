import { type Project, StructureKind } from "ts-morph";
import { webSocketChannels } from "../../ir/infer-transport.js";
import { resolveProtocol } from "../../ir/resolve-protocol.js";
import type { Protocol } from "../../ir/types.js";
import type { GeneratedFile } from "../generated-file.js";
import { guardFunctionName } from "../names.js";
import { type GuardEntry, guardEntries, guardFunction, moduleContext, printGuardModule } from "./emit-guards.js";
import { formatHelpers, guardExpression } from "./guard-expression.js";

/** The guards module a client created with `formats: "annotate"` uses for the messages it receives. */
export const formatFreeGuardsModule = "./format-free-guards.gen.js";

interface Probe {
  readonly entry: GuardEntry;
  readonly checksFormat: boolean;
  readonly calls: ReadonlySet<string>;
}

/** What one entry's guard checks by itself (a format?) and which named schemas' guards it calls. */
function probe(protocol: Protocol, entry: GuardEntry): Probe {
  const calls = new Set<string>();
  const context = moduleContext(
    protocol,
    { patterns: [], constants: [] },
    {
      guardName: (name) => {
        calls.add(name);
        return guardFunctionName(name);
      },
    },
  );
  guardExpression(entry.schema, "v", context);
  return { entry, checksFormat: [...context.runtime].some((helper) => formatHelpers.has(helper)), calls };
}

/** Grows `names` with what `added` finds for each probe, until a pass adds nothing (refs can cycle). */
function grown(
  probes: readonly Probe[],
  names: Set<string>,
  added: (probe: Probe, names: ReadonlySet<string>) => Iterable<string>,
): Set<string> {
  let size = -1;
  while (size !== names.size) {
    size = names.size;
    for (const probe of probes) for (const name of added(probe, names)) names.add(name);
  }
  return names;
}

/**
 * Type names (schemas and messages) whose guard checks a `format`, itself or through a guard it calls:
 * the ones that differ when formats are annotations.
 */
export function formatCheckingTypes(protocol: Protocol): Set<string> {
  const probes = allProbes(protocol);
  const direct = new Set(probes.filter((found) => found.checksFormat).map((found) => found.entry.typeName));
  return grown(probes, direct, ({ entry, calls }, checking) =>
    [...calls].some((name) => checking.has(name)) ? [entry.typeName] : [],
  );
}

/** Probes by protocol: the client descriptor and the format-free module of one package ask for the same. */
const probesOf = new WeakMap<Protocol, readonly Probe[]>();

function allProbes(protocol: Protocol): readonly Probe[] {
  const known = probesOf.get(protocol);
  if (known !== undefined) return known;
  const probes = guardEntries(protocol).map((entry) => probe(protocol, entry));
  probesOf.set(protocol, probes);
  return probes;
}

/** Type names of the messages a client receives (what servers send on a WebSocket channel). */
function receivedMessageTypes(protocol: Protocol): Set<string> {
  const resolved = resolveProtocol(protocol);
  return new Set(
    webSocketChannels(protocol.channels).flatMap((channel) =>
      resolved.side(channel, "server").byKey.flatMap(({ messages }) => messages.map((message) => message.typeName)),
    ),
  );
}

/**
 * `src/format-free-guards.gen.ts`: the guards that check a `format`, again with `format` taken as an
 * annotation (JSON Schema draft-07 lets a validator turn format checks off; 2019-09 on do by default).
 * A client created with `formats: "annotate"` decides with them what it receives. Guards with no format
 * check are not repeated: these call the ones in `guards.gen.ts`. No module when no received message's
 * guard checks a format.
 */
export function emitFormatFreeGuards(project: Project, protocol: Protocol): GeneratedFile | undefined {
  const checking = formatCheckingTypes(protocol);
  const received = new Set([...receivedMessageTypes(protocol)].filter((name) => checking.has(name)));
  // The received messages' guards, and the checking guards they call.
  const needed = grown(allProbes(protocol), received, ({ entry, calls }, names) =>
    names.has(entry.typeName) ? [...calls].filter((name) => checking.has(name)) : [],
  );
  if (needed.size === 0) return undefined;
  const shared = new Set<string>();
  const collected = { patterns: [], constants: [] };
  const context = moduleContext(protocol, collected, {
    formats: "annotate",
    guardName: (name) => {
      if (!checking.has(name)) shared.add(guardFunctionName(name));
      return guardFunctionName(name);
    },
  });
  const functions = guardEntries(protocol)
    .filter((entry) => needed.has(entry.typeName))
    .map((entry) =>
      guardFunction(
        entry,
        context,
        `True when \`value\` is a valid {@link ${entry.typeName}}, \`format\` taken as an annotation (not checked).`,
      ),
    );
  const imports =
    shared.size === 0
      ? []
      : [
          {
            kind: StructureKind.ImportDeclaration as const,
            moduleSpecifier: "./guards.gen.js",
            namedImports: [...shared].sort(),
          },
        ];
  return printGuardModule(project, protocol, {
    path: "src/format-free-guards.gen.ts",
    collected,
    context,
    functions,
    imports,
  });
}
