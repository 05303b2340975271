import { spawn } from "node:child_process";

/** What a Biome run gave: the formatted text, or the first line of why it failed. */
export interface BiomeOutput {
  readonly ok: boolean;
  readonly text: string;
}

/** A Biome process started before its input is ready: its start-up overlaps the work that prints the input. */
export interface BiomeProcess {
  /** Sends the whole input and waits for the output; once per process. */
  readonly format: (input: string) => Promise<BiomeOutput>;
  /** Stops a process that was never given its input (nothing to format, or the run failed first). */
  readonly release: () => void;
}

export function startBiomeProcess(binary: string, args: readonly string[]): BiomeProcess {
  const child = spawn(binary, args, { stdio: ["pipe", "pipe", "pipe"] });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
  // A process that dies early makes writing its input fail; the exit below says why.
  child.stdin.on("error", () => undefined);
  const output = new Promise<BiomeOutput>((resolve) => {
    child.on("error", (error) => resolve({ ok: false, text: error.message }));
    child.on("close", (code, signal) => {
      if (code === 0) resolve({ ok: true, text: Buffer.concat(stdout).toString("utf8") });
      else
        resolve({
          ok: false,
          text: firstLine(Buffer.concat(stderr).toString("utf8")) || `Biome exited (${code ?? signal})`,
        });
    });
  });
  let used = false;
  return {
    format: (input) => {
      used = true;
      child.stdin.end(input);
      return output;
    },
    release: () => {
      if (!used) child.kill();
      used = true;
    },
  };
}

export function firstLine(text: string): string {
  return text.trim().split("\n")[0] ?? "";
}
