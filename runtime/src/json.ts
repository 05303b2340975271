/** Any value JSON can carry: what `JSON.parse` returns. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object with members of any JSON type. */
export type JsonObject = { [key: string]: JsonValue };
