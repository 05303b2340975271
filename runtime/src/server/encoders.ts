import { jsonEncoder } from "./encode-json.js";
import { rpcEncoder } from "./encode-rpc.js";
import { socketIoEncoder } from "./encode-socket-io.js";
import type { Encoder } from "./encoder.js";
import type { AnyDescriptor } from "./view.js";

export function encoderFor(descriptor: AnyDescriptor, nextId: () => number): Encoder {
  const framing = descriptor.framing;
  switch (framing.kind) {
    case "json":
      return jsonEncoder(descriptor, framing.discriminator);
    case "json-shape":
      return jsonEncoder(descriptor, undefined);
    case "json-rpc":
      return rpcEncoder(descriptor, nextId);
    case "socket.io":
      return socketIoEncoder(descriptor);
  }
}
