import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { join, resolve } from "node:path";

/**
 * What the protocol pages take from the repository at docs-build time rather than from `pnpm generate`:
 * the raw specs (downloadable at /specs/<file>) and each package's version (released versions change
 * without the specs changing).
 */

const repoRoot = resolve(import.meta.dirname, "../..");
const specsDir = join(repoRoot, "specs");
const specPattern = /^[a-z0-9-]+\.asyncapi\.yaml$/;

export function specFiles(): string[] {
  return readdirSync(specsDir)
    .filter((name) => specPattern.test(name))
    .sort();
}

/** Copies every spec into the built site's `specs/` folder (VitePress `buildEnd`). */
export function copySpecs(outDir: string): void {
  mkdirSync(join(outDir, "specs"), { recursive: true });
  for (const name of specFiles()) copyFileSync(join(specsDir, name), join(outDir, "specs", name));
}

interface Middlewares {
  use(handler: (request: { url?: string }, response: ServerResponse, next: () => void) => void): void;
}

/** The same files under `vitepress dev`, as a Vite plugin. */
export function serveSpecs() {
  return {
    name: "wiretype-serve-specs",
    configureServer(server: { middlewares: Middlewares }) {
      server.middlewares.use((request, response, next) => {
        const name = /^\/specs\/([^/?#]+)/.exec(request.url ?? "")?.[1];
        if (name === undefined || !specPattern.test(name)) return next();
        response.setHeader("content-type", "application/yaml; charset=utf-8");
        response.end(readFileSync(join(specsDir, name)));
      });
    },
  };
}

/** `@wiretype/<id>`'s version from its package.json, for pages under `protocols/<id>/`. */
export function packageVersion(relativePath: string): string | undefined {
  const id = /^protocols\/([^/]+)\//.exec(relativePath)?.[1];
  if (id === undefined) return undefined;
  const manifest = join(repoRoot, "packages", id, "package.json");
  if (!existsSync(manifest)) return undefined;
  const { version } = JSON.parse(readFileSync(manifest, "utf8")) as { version?: unknown };
  return typeof version === "string" ? version : undefined;
}
