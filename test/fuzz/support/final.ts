import { type Profile, validExamples } from "./profiles.js";

/** A valid server message sent after the storm: its delivery to `on(key)` proves the client still works. */
export interface FinalMessage {
  readonly key: string;
  readonly data: string;
  /** The delivered message, as JSON, when it is this one. */
  readonly json: string;
}

export function finalMessage(profile: Profile): FinalMessage {
  const examples = [...validExamples(profile, "server")].filter(([key]) => !key.includes("{"));
  const [key, example] = examples[0] ?? ["", {}];
  if (key === "") throw new Error(`${profile.name}: no valid server example to end the storm with`);
  const json = JSON.stringify(example);
  if (profile.framing === "json-rpc")
    return { key, data: JSON.stringify({ jsonrpc: "2.0", method: key, params: example }), json };
  if (profile.framing === "socket.io") return { key, data: `42${JSON.stringify([key, example])}`, json };
  return { key, data: json, json };
}
