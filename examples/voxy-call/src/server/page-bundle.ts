import { readFile } from "node:fs/promises";
import { build } from "esbuild";

const pageDirectory = new URL("../page/", import.meta.url);

/** The page's HTML and its script, bundled for the browser with esbuild (once, at start). */
export async function bundlePage(): Promise<{ html: string; script: string }> {
  const result = await build({
    entryPoints: [new URL("main.ts", pageDirectory).pathname],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "warning",
  });
  const script = result.outputFiles[0]?.text ?? "";
  const html = await readFile(new URL("index.html", pageDirectory), "utf8");
  return { html, script };
}
