/**
 * Each property's id and rule, in report order, without the properties themselves: the fuzz stage's
 * help text is built when the CLI starts, and the properties load fast-check and every arbitrary
 * (some 50 ms). properties/index.ts is the source; catalog.test.ts holds the two equal.
 */

/** A property's id (as `--property` takes it) and the rule it checks. */
export interface PropertyEntry {
  readonly id: string;
  readonly name: string;
}

/** Every provider property's id and rule, in the order of `PROPERTIES`. */
export const PROPERTY_CATALOG: readonly PropertyEntry[] = [
  {
    id: "shared-code",
    name: "every shared, unexpired code is answered 200 with a session valid by the spec, ids unique",
  },
  { id: "invalid-code", name: "every invalid code is answered exactly 400 invalid_code" },
  {
    id: "bad-token",
    name: "every bad token is answered 401 unauthorized with WWW-Authenticate, whatever the body",
  },
  { id: "unshared-code", name: "every well-formed code no payer shared is answered 400 invalid_code" },
  { id: "near-miss", name: "every near miss of a shared code is answered 400 invalid_code" },
  { id: "expired-code", name: "every expired code is answered 400 invalid_code" },
  {
    id: "invalid-body",
    name: "every other invalid body is answered 400 with the spec's error code and a JSON body",
  },
  {
    id: "content-type",
    name: "every body not sent as application/json is answered 415 unsupported_media_type",
  },
  {
    id: "concurrency",
    name: "bursts of simultaneous opens, same code or different codes, never give a 5xx and ids stay unique",
  },
  {
    id: "model",
    name: "sequences of share, open, expire, reuse and bad-token commands agree with a model of the doc",
  },
];
