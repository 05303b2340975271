import { Ajv } from "ajv";
import * as formatsModule from "ajv-formats";

type AddFormats = (ajv: Ajv) => Ajv;

// ajv-formats is CommonJS with `exports.default`; under NodeNext its default export sits one level down.
const addFormats = (formatsModule as unknown as { default: { default?: AddFormats } & AddFormats }).default;
/** Adds ajv-formats' formats to an ajv instance. */
export const applyFormats: AddFormats = addFormats.default ?? addFormats;

/**
 * The reference validator wiretype's validators are compared with: draft-07, all errors, formats on,
 * and own members only (without `ownProperties`, ajv reads an absent `constructor` member from
 * Object.prototype and refuses a valid frame).
 */
export function createAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, ownProperties: true });
  applyFormats(ajv);
  return ajv;
}
