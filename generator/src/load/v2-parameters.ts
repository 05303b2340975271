import { type Diagnostic, joinPointer } from "../diagnostics.js";

type Data = { readonly [key: string]: unknown };

const keptIn3 = new Set(["enum", "default", "examples", "description"]);

function isData(value: unknown): value is Data {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `#/components/parameters/x` → the parameter object there. */
function resolveParameter(document: Data, parameter: unknown): Data | undefined {
  if (!isData(parameter)) return undefined;
  const ref = typeof parameter.$ref === "string" ? /^#\/components\/parameters\/([^/]+)$/.exec(parameter.$ref) : null;
  if (ref === null) return parameter;
  const components = isData(document.components) ? document.components : {};
  const parameters = isData(components.parameters) ? components.parameters : {};
  const target = parameters[ref[1] ?? ""];
  return isData(target) ? target : undefined;
}

/**
 * A 2.x channel parameter has a JSON schema; a 3.0 parameter keeps only `enum`, `default` and
 * `examples`, so the converter drops the rest. Each dropped keyword is named in a warning on the
 * parameter, in the user's file: the generated client takes any string for it.
 */
export function droppedParameterSchemas(file: string, document: Data): Diagnostic[] {
  const channels = isData(document.channels) ? document.channels : {};
  return Object.entries(channels).flatMap(([address, channel]) => {
    const parameters = isData(channel) && isData(channel.parameters) ? channel.parameters : {};
    return Object.entries(parameters).flatMap(([name, raw]): Diagnostic[] => {
      const schema = resolveParameter(document, raw)?.schema;
      const dropped = isData(schema) ? Object.keys(schema).filter((key) => !keptIn3.has(key)) : [];
      if (dropped.length === 0) return [];
      const keywords = dropped.map((key) => `\`${key}\``).join(", ");
      return [
        {
          severity: "warning",
          code: "parameter-schema-dropped",
          message: `parameter \`${name}\`: AsyncAPI 3 parameters keep only enum, default and examples, so its schema's ${keywords} is left out; the generated code takes any string for it`,
          file,
          pointer: joinPointer("/channels", address, "parameters", name),
        },
      ];
    });
  });
}
