/**
 * Each property's id and rule, in report order, without the properties themselves: the fuzz stage's
 * help text is built when the CLI starts, and the properties load fast-check and every arbitrary
 * (some 50 ms). This is the one place the rules are written; each property takes its id and name
 * from here with {@link propertyRule}, and catalog.test.ts holds the order equal to `PROPERTIES`.
 */

/** A property's id (as `--property` takes it) and the rule it checks. */
export interface PropertyEntry {
  readonly id: string;
  readonly name: string;
}

/** Every provider property's rule by id, in the order of `PROPERTIES`. */
const RULES = {
  "shared-code": "every shared, unexpired code is answered 200 with a session valid by the spec, ids unique",
  "invalid-code": "every invalid code is answered exactly 400 invalid_code",
  "bad-token": "every bad token is answered 401 unauthorized with WWW-Authenticate, whatever the body",
  "unshared-code": "every well-formed code no payer shared is answered 400 invalid_code",
  "near-miss": "every near miss of a shared code is answered 400 invalid_code",
  "expired-code": "every expired code is answered 400 invalid_code",
  "invalid-body": "every other invalid body is answered 400 with the spec's error code and a JSON body",
  "content-type": "every body not sent as application/json is answered 415 unsupported_media_type",
  concurrency:
    "bursts of simultaneous opens, same code or different codes, never give a 5xx and ids stay unique",
  model: "sequences of share, open, expire, reuse and bad-token commands agree with a model of the doc",
} as const;

/** A property's id. */
export type PropertyId = keyof typeof RULES;

/** Every provider property's id and rule, in the order of `PROPERTIES`. */
export const PROPERTY_CATALOG: readonly PropertyEntry[] = Object.entries(RULES).map(([id, name]) => ({
  id,
  name,
}));

/** The id and rule of one property, for its definition to spread. */
export function propertyRule<Id extends PropertyId>(
  id: Id,
): { readonly id: Id; readonly name: (typeof RULES)[Id] } {
  return { id, name: RULES[id] };
}
