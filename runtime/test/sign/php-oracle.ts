/**
 * The reference: the real `php` binary running the yueyue server's signature code on a batch of frame
 * texts, in one process (frames go in base64, one a line, so any text survives the pipe).
 */
import { execFileSync, spawnSync } from "node:child_process";

export const hasPhp = spawnSync("php", ["--version"]).status === 0;

/** The server's check, verbatim, per frame: `-` when json_decode gives no array from an object text. */
const script = `
while (($line = fgets(STDIN)) !== false) {
  $frame = base64_decode(trim($line));
  $params = json_decode($frame, true);
  if (!is_array($params) || !str_starts_with(ltrim($frame, " \\t\\n\\r"), "{")) { echo "- 0\\n"; continue; }
  $received = $params["sign"] ?? null;
  unset($params["sign"]);
  ksort($params);
  $sign = md5(json_encode($params, JSON_UNESCAPED_UNICODE));
  echo $sign, " ", $received === $sign ? "1" : "0", "\\n";
}
`;

export interface PhpVerdict {
  /** What PHP computes, undefined when it cannot decode the frame. */
  readonly sign: string | undefined;
  /** Whether the frame's own `sign` equals it. */
  readonly accepted: boolean;
}

export function phpVerdicts(frames: readonly string[]): PhpVerdict[] {
  const input = frames.map((frame) => `${Buffer.from(frame, "utf8").toString("base64")}\n`).join("");
  const output = execFileSync("php", ["-d", "display_errors=stderr", "-r", script], {
    input,
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  const lines = output.trimEnd().split("\n");
  if (lines.length !== frames.length) throw new Error(`php answered ${lines.length} lines for ${frames.length} frames`);
  return lines.map((line) => {
    const [sign = "-", accepted] = line.split(" ");
    return { sign: sign === "-" ? undefined : sign, accepted: accepted === "1" };
  });
}
