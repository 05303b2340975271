/** What a dialled number reaches. */
export interface Destination {
  readonly name: string;
  /** The server hangs up after this long (FreeSWITCH cause ALLOTTED_TIMEOUT); undefined: never. */
  readonly maxSeconds?: number;
}

/** Like FreeSWITCH's demo dialplan: 9196 is the echo test; 9197 is an echo test that ends by itself. */
export const dialplan: ReadonlyMap<string, Destination> = new Map([
  ["9196", { name: "Echo test" }],
  ["9197", { name: "Echo test (3 seconds)", maxSeconds: 3 }],
]);
