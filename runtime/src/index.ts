export {
  createEventDispatch,
  createKeyedDispatch,
  type Decoded,
  type DecodeResult,
  type EventDispatch,
  type GuardTable,
  type KeyedDispatch,
  type MessageMap,
  type SchemaTable,
  type Validators,
  validateMessage,
} from "./dispatch.js";
export { checkFormat, formatChecks } from "./formats.js";
export { describeValue, type FieldIssue, type FrameError, type FrameErrorKind } from "./frame-error.js";
export { parseFrame, type RawFrame } from "./frame-text.js";
export type { JsonObject, JsonValue } from "./json.js";
export {
  createRpcDispatch,
  type RpcCall,
  type RpcDecodeResult,
  type RpcDispatch,
  type RpcErrorObject,
  type RpcId,
  rpcErrorCodes,
} from "./json-rpc.js";
export { codePointLength, hasUniqueItems } from "./unique.js";
