/**
 * Channel addresses with `{parameter}` placeholders (`/v1/marketdata/{symbol}`): the client fills them
 * (each value URI-encoded, so a value is always one path segment) and the server matches request paths
 * against them and reads the values back.
 */

const placeholder = /\{([^{}]+)\}/g;

/** The parameter names of an address, in order. */
export function addressParameters(address: string): string[] {
  return [...address.matchAll(placeholder)].map((match) => match[1] as string);
}

/** The address with every placeholder replaced by its encoded value, or the names that have none. */
export function fillAddress(
  address: string,
  values: Readonly<Record<string, string | undefined>>,
): { readonly path: string } | { readonly missing: readonly string[] } {
  const missing = addressParameters(address).filter((name) => values[name] === undefined);
  if (missing.length > 0) return { missing };
  return { path: address.replace(placeholder, (_, name: string) => encodeURIComponent(values[name] as string)) };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Values of a request path (query string ignored) that matches the address; undefined when it does not. */
export type AddressMatcher = (requestPath: string) => Readonly<Record<string, string>> | undefined;

export function addressMatcher(address: string): AddressMatcher {
  const names = addressParameters(address);
  const literal = address.split(placeholder).filter((_, index) => index % 2 === 0);
  const pattern = new RegExp(`^${literal.map(escapeRegExp).join("([^/]+)")}$`);
  return (requestPath) => {
    const queryAt = requestPath.indexOf("?");
    const match = pattern.exec(queryAt === -1 ? requestPath : requestPath.slice(0, queryAt));
    if (match === null) return undefined;
    const values: Record<string, string> = {};
    try {
      names.forEach((name, index) => {
        values[name] = decodeURIComponent(match[index + 1] as string);
      });
    } catch {
      return undefined; // a malformed %-escape names no value
    }
    return values;
  };
}
