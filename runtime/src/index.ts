export { addressMatcher, addressParameters, fillAddress } from "./address.js";
export { allClientFeatures, createClient, createClientWith } from "./client/create-client.js";
export type { ClientFeatures } from "./client/features.js";
/** Client features, for `createClientWith`: JSON-RPC handling and Socket.IO connections. */
export { rpcInbound as jsonRpcClientFeature } from "./client/inbound-rpc.js";
export { openSocketIo as socketIoClientFeature } from "./client/socket-io-connection.js";
export type * from "./client/types.js";
export { RequestError } from "./client/types.js";
export {
  createEventDispatch,
  createKeyedDispatch,
  createShapeDispatch,
  type Decoded,
  type DecodeResult,
  type EventDispatch,
  type GuardTable,
  type KeyedDispatch,
  type MessageMap,
  type SchemaTable,
  type ShapeDispatch,
  type Validators,
  validateMessage,
} from "./dispatch.js";
export { checkFormat, formatChecks, isDateTimeFormat, isUuidFormat } from "./formats.js";
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
export type {
  CallAnswer,
  CallStep,
  CallsDescriptor,
  ChannelParameterDescriptor,
  ClientDiscoveryDescriptor,
  ClientProtocolDescriptor,
  ClientProtocolView,
  ClientReplyDescriptor,
  ClientSideDescriptor,
  DiscoveryDescriptor,
  ForwardConversion,
  ForwardDescriptor,
  ForwardFill,
  FramingDescriptor,
  GuardValidator,
  HeartbeatDescriptor,
  JsonType,
  PayloadPath,
  ProtocolDescriptor,
  ReplyDescriptor,
  ReplyValidator,
  RoomsDescriptor,
  ServerEntry,
  SessionDescriptor,
  SideDescriptor,
  SideDispatch,
  SignatureDescriptor,
} from "./protocol.js";
export { valueAtPath } from "./protocol.js";
export type * from "./server/types.js";
export { phpJsonSign } from "./sign/php-json.js";
export { codePointLength, hasUniqueItems, jsonEquals } from "./unique.js";
