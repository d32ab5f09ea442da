/**
 * `Content-Type` values that are not JSON. A request without the header cannot be sent with a
 * string body through `fetch` (it adds `text/plain`), so "missing" is covered by `text/plain`.
 * Variants a provider may legitimately accept (`application/json; charset=utf-8`, any letter case
 * of `application/json`) are never generated.
 */
import fc from "fast-check";

/** Media types that must be answered 415. */
export const NON_JSON_MEDIA_TYPES: readonly string[] = [
  "text/plain",
  "text/plain; charset=utf-8",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=bleepay",
  "application/xml",
  "text/xml",
  "text/html",
  "application/octet-stream",
  "application/javascript",
  "text/json",
  "application/jsonx",
  "json",
];

/** A `Content-Type` value that is not `application/json`. */
export function wrongContentType(): fc.Arbitrary<string> {
  return fc.constantFrom(...NON_JSON_MEDIA_TYPES);
}
