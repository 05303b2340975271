import { Ajv } from "ajv";
import * as formatsModule from "ajv-formats";

type AddFormats = (ajv: Ajv) => Ajv;

// ajv-formats is CommonJS with `exports.default`; under NodeNext its default export sits one level down.
const addFormats = (formatsModule as unknown as { default: { default?: AddFormats } & AddFormats }).default;
const applyFormats: AddFormats = addFormats.default ?? addFormats;

/** The reference validator wiretype's validators are compared with: draft-07, all errors, formats on. */
export function createAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  applyFormats(ajv);
  return ajv;
}
