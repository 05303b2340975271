import type { DiagnosticSink } from "../diagnostics.js";
import { pascalCase } from "./naming.js";
import { isRawObject, optionalString } from "./raw.js";

/** The generated package's npm name, folder (`id`) and the prefix of its exported names. */
export interface PackageIdentity {
  readonly id: string;
  readonly packageName: string;
  readonly identifier: string;
}

export interface PackageRequest {
  readonly title: string;
  /** The spec's path, used only when the title has nothing npm can take (a title in Chinese). */
  readonly specPath: string;
  /** `info.x-wiretype-package`. */
  readonly extension: unknown;
  /** `--name`, which wins over everything. */
  readonly packageName?: string | undefined;
  /** The folder, when the caller fixes it (tests, `wiretype diff`). */
  readonly id?: string | undefined;
}

const npmName = /^(?:@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;
const maxNameLength = 214;

/** `Streetlights API (MQTT)` → `streetlights-api-mqtt`: lowercase ASCII letters, digits and `-`. */
export function slugOf(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, maxNameLength);
}

function fileStem(path: string): string {
  const name = path.split("/").pop() ?? path;
  return name.replace(/(\.asyncapi)?\.(ya?ml|json)$/i, "");
}

function defaultName(request: PackageRequest, sink: DiagnosticSink): string {
  const fromTitle = slugOf(request.title);
  if (fromTitle !== "") return fromTitle;
  const fromFile = slugOf(fileStem(request.specPath)) || "asyncapi-protocol";
  sink.warning(
    "package-name",
    "/info/title",
    `the title gives no npm package name (no ASCII letter or digit): the package is called \`${fromFile}\`; choose one with --name or \`info.x-wiretype-package.name\``,
  );
  return fromFile;
}

/**
 * The package name is `--name`, else `info.x-wiretype-package.name`, else the slug of `info.title`
 * (never the file name, unless the title has no usable character); the folder is the name without
 * its scope; the identifier is `x-wiretype-package.identifier`, else the folder in PascalCase.
 */
export function packageIdentity(request: PackageRequest, sink: DiagnosticSink): PackageIdentity {
  const extension = isRawObject(request.extension) ? request.extension : {};
  const declared = optionalString(request.packageName) ?? optionalString(extension.name);
  if (declared !== undefined && (!npmName.test(declared) || declared.length > maxNameLength)) {
    const pointer = request.packageName === undefined ? "/info/x-wiretype-package/name" : "";
    sink.error("bad-package-name", pointer, `\`${declared}\` is not a valid npm package name (lowercase, no spaces)`);
  }
  const packageName = declared ?? defaultName(request, sink);
  const id = request.id ?? packageName.replace(/^@[^/]+\//, "");
  return { id, packageName, identifier: optionalString(extension.identifier) ?? pascalCase(id) };
}
