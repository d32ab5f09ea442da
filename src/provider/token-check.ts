/**
 * Checks `Authorization` headers in constant time: the comparison always walks the whole expected
 * token and folds every difference (length included) into one value, so how long it takes does not
 * depend on where a guess goes wrong. Done in plain JS because hashing each header with `node:crypto`
 * cost the provider a fifth of its throughput.
 */
import { AUTH_SCHEME } from "../rules/index.js";

function constantTimeEquals(given: string, expected: string): boolean {
  let diff = given.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) diff |= (given.charCodeAt(i) | 0) ^ expected.charCodeAt(i);
  return diff === 0;
}

/** Returns a function that says whether an `Authorization` header carries one of `tokens`. */
export function createTokenCheck(tokens: readonly string[]): (authorization: string | undefined) => boolean {
  if (tokens.length === 0 || tokens.some((t) => t.length === 0)) {
    throw new Error("the reference provider needs at least one non-empty token");
  }
  const expected = [...tokens];
  const prefix = `${AUTH_SCHEME.toLowerCase()} `;
  return (authorization) => {
    if (authorization === undefined || authorization.length <= prefix.length) return false;
    // The scheme is case-insensitive (RFC 9110 §11.1); the token is not. Compared by char code
    // (| 0x20 lower-cases ASCII letters) so the hot path allocates nothing for the scheme.
    for (let i = 0; i < prefix.length; i++) {
      const c = authorization.charCodeAt(i);
      if ((c >= 65 && c <= 90 ? c | 0x20 : c) !== prefix.charCodeAt(i)) return false;
    }
    const given = authorization.slice(prefix.length);
    let ok = false;
    for (const e of expected) ok = constantTimeEquals(given, e) || ok;
    return ok;
  };
}
