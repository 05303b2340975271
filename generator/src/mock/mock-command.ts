import { readFileSync } from "node:fs";
import { relative, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import { formatDiagnostic, SpecError } from "../diagnostics.js";
import { buildProtocol } from "../ir/build-protocol.js";
import type { Protocol } from "../ir/types.js";
import { loadSpec } from "../load/load-spec.js";
import { type RunningMock, startMock } from "./mock-server.js";
import { mockUsage } from "./mock-usage.js";
import { readScript, type ScriptStep } from "./script.js";

interface MockCommand {
  readonly spec: string;
  readonly port: number;
  readonly host: string;
  readonly script: readonly ScriptStep[];
}

function parseMockArgs(argv: readonly string[]): MockCommand {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      port: { type: "string", default: "4000" },
      host: { type: "string", default: "127.0.0.1" },
      script: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) throw new Error(mockUsage);
  const [spec, ...extra] = positionals;
  if (spec === undefined || extra.length > 0) throw new Error(`wiretype mock takes exactly one spec\n\n${mockUsage}`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`--port: not a port number: ${values.port}`);
  const script = values.script === undefined ? [] : readScript(values.script);
  return { spec, port, host: values.host, script };
}

/** Loads and models the spec with the generator's own stages; warnings are printed, errors thrown. */
export async function loadProtocol(specFile: string): Promise<Protocol> {
  const path = relative(process.cwd(), resolve(specFile)).split(sep).join("/");
  const { spec, warnings } = await loadSpec({ path, text: readFileSync(specFile, "utf8") });
  const found = [...warnings];
  const protocol = buildProtocol(spec, { warnings: found });
  for (const warning of found) console.warn(formatDiagnostic(warning));
  return protocol;
}

function announce(protocol: Protocol, host: string, running: RunningMock): void {
  console.log(`wiretype mock: ${protocol.title} ${protocol.version} (${protocol.specPath})`);
  for (const { address, port } of running.channels) console.log(`  listening on ${host}:${port}, channel ${address}`);
  console.log("  a development server in insecure development mode: sessions open without any check. Ctrl-C stops it.");
}

/** Runs until SIGINT or SIGTERM; returns the exit status. */
export async function runMock(argv: readonly string[]): Promise<number> {
  let running: RunningMock;
  let protocol: Protocol;
  let command: MockCommand;
  try {
    command = parseMockArgs(argv);
    protocol = await loadProtocol(command.spec);
    running = await startMock(protocol, { port: command.port, host: command.host, script: command.script });
  } catch (error) {
    if (error instanceof Error && error.message === mockUsage) {
      console.log(mockUsage);
      return 0;
    }
    if (error instanceof SpecError)
      for (const diagnostic of error.diagnostics) console.error(formatDiagnostic(diagnostic));
    else console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
  announce(protocol, command.host, running);
  await new Promise<void>((done) => {
    const stop = () => void running.close().then(done);
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  return 0;
}
