/**
 * `payeeInfo` objects: free-form JSON objects (the spec's `PayeeInfo`), with realistic keys and
 * random ones, kept far below the spec's body limit.
 */
import fc from "fast-check";

/** A `payeeInfo` object: up to five keys, values nested at most two deep. */
export function payeeInfo(): fc.Arbitrary<Record<string, unknown>> {
  const key = fc.oneof(
    fc.constantFrom("storeId", "terminalId", "cashierId", "note", "reference", "locale"),
    fc.string({ maxLength: 12 }),
  );
  return fc.dictionary(key, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 });
}
