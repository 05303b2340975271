import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";

/** The protocols wiretype ships, each with its spec under `specs/`. */
export const protocolNames = ["voxy", "yueyue", "workspace", "verto", "kurento-room"] as const;
export type ProtocolName = (typeof protocolNames)[number];

export const specsDirectory = fileURLToPath(new URL("../../specs/", import.meta.url));

export function specPath(protocol: ProtocolName): string {
  return `${specsDirectory}${protocol}.asyncapi.yaml`;
}

export function readSpecText(protocol: ProtocolName): string {
  return readFileSync(specPath(protocol), "utf8");
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The spec as plain YAML data, `$ref`s left in place (they may be cyclic once resolved). */
export function readSpecData(protocol: ProtocolName): JsonObject {
  const data: unknown = parseYaml(readSpecText(protocol));
  if (!isJsonObject(data)) throw new Error(`${specPath(protocol)} is not a YAML mapping`);
  return data;
}
