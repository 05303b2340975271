import { webSocketChannels } from "../ir/infer-transport.js";
import type { Protocol } from "../ir/types.js";
import { emitClient } from "./facades/emit-client.js";
import { emitServer } from "./facades/emit-server.js";
import { createEmitProject, type GeneratedFile } from "./generated-file.js";
import { emitFormatFreeGuards } from "./guards/emit-format-free-guards.js";
import { emitGuards } from "./guards/emit-guards.js";
import { emitIndex, emitPackageJson, emitTsconfig, type PackageState } from "./package/emit-package.js";
import { emitReadme } from "./package/emit-readme.js";
import { emitClientDescriptor } from "./protocol/emit-client-descriptor.js";
import { emitDescriptor } from "./protocol/emit-descriptor.js";
import { emitSchemas } from "./schemas/emit-schemas.js";
import { emitTypes } from "./types/emit-types.js";

export interface EmitOptions {
  /** What the release tooling wrote in the existing package (its version), kept as it is. */
  readonly packageState?: PackageState;
}

/** Stage 3: every file of one protocol's package, paths relative to the package folder. Pure. */
export function emitProtocol(protocol: Protocol, options: EmitOptions = {}): GeneratedFile[] {
  const project = createEmitProject();
  // No WebSocket channel (MQTT, Kafka…): no client or server at all, rather than an empty facade.
  const facades = webSocketChannels(protocol.channels).length > 0;
  // Only clients use the format-free guards.
  const formatFreeGuards = facades ? emitFormatFreeGuards(project, protocol) : undefined;
  return [
    emitPackageJson(protocol, options.packageState ?? {}),
    emitTsconfig(),
    emitReadme(protocol),
    emitIndex(project, protocol),
    emitTypes(project, protocol),
    emitSchemas(project, protocol),
    emitGuards(project, protocol),
    ...(formatFreeGuards === undefined ? [] : [formatFreeGuards]),
    emitDescriptor(project, protocol),
    ...(facades
      ? [emitClientDescriptor(project, protocol), emitClient(project, protocol), emitServer(project, protocol)]
      : []),
  ].sort((a, b) => a.path.localeCompare(b.path));
}
