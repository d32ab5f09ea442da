import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { REDACTED, redact } from "./redact.js";

// The shell's braced form of the placeholder, as curl reproductions write it.
const BRACED = `\${BLEEPAY_TOKEN}`;

describe("redact", () => {
  it("replaces every occurrence of a given secret", () => {
    expect(redact("a s3cret-token b s3cret-token", ["s3cret-token"])).toBe(`a ${REDACTED} b ${REDACTED}`);
  });

  it.each([
    ["a header line", "Authorization: Bearer abc.def-123", `Authorization: ${REDACTED}`],
    ["a JSON header", '{"authorization":"Bearer abc"}', `{"authorization":"${REDACTED}"}`],
    ["a curl flag", "curl -H 'Authorization: Bearer abc'", `curl -H 'Authorization: ${REDACTED}'`],
    ["Basic credentials", "authorization=Basic dXNlcjpwYXNz", `authorization=${REDACTED}`],
    ["a bare bearer credential", "sent Bearer eyJhbGciOi.x.y here", `sent Bearer ${REDACTED} here`],
    [
      "a header list (Pact's debug log)",
      '{"Authorization": ["Bearer abc"]}',
      `{"Authorization": ["${REDACTED}"]}`,
    ],
    ["a base64 credential with padding", "Bearer dXNlcjpwYXNz==", `Bearer ${REDACTED}`],
  ])("redacts credentials in %s without knowing the secret", (_name, text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it("keeps the $BLEEPAY_TOKEN placeholder of a curl reproduction", () => {
    const curl = `curl -H "authorization: Bearer $BLEEPAY_TOKEN" -H 'Authorization: Bearer $BLEEPAY_TOKEN'`;
    expect(redact(curl, ["real-token-value"])).toBe(curl);
  });

  it("keeps the placeholder in braces, as fuzz's bad-token recipes glue text to it", () => {
    for (const curl of [
      `curl -H "Authorization: Bearer ${BRACED}${BRACED}"`,
      `curl -H "Authorization: ${BRACED}"`,
      `curl -H "authorization: Bearer ${BRACED}x"`,
    ]) {
      expect(redact(curl, ["real-token-value"])).toBe(curl);
    }
  });

  it("changes nothing when run twice: reports pass through it more than once", () => {
    const piece = fc.constantFrom(
      "Authorization: ",
      '"authorization":"',
      '{"Authorization": ["',
      "Bearer ",
      "Basic ",
      "s3cret-token",
      "$BLEEPAY_TOKEN",
      BRACED,
      REDACTED,
      "[",
      "]",
      '"',
      " ",
      "realm=",
      "abc.def",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const once = redact(pieces.join(""), ["s3cret-token"]);
        expect(redact(once, ["s3cret-token"])).toBe(once);
        expect(once).not.toContain("s3cret-token");
      }),
      { numRuns: 2_000 },
    );
  });

  it("leaves prose about bearer tokens and very short secrets alone", () => {
    expect(redact("a bearer token is required", ["abc"])).toBe("a bearer token is required");
  });

  it("keeps a Bearer challenge's parameters readable, since they explain a 401", () => {
    const challenge = 'WWW-Authenticate: Bearer realm="vouchers", error="invalid_token"';
    expect(redact(challenge)).toBe(challenge);
    expect(redact('Bearer error="invalid_token", Bearer s3cr3t')).toBe(
      `Bearer error="invalid_token", Bearer ${REDACTED}`,
    );
  });

  it("ignores undefined secrets", () => {
    expect(redact("nothing here", [undefined])).toBe("nothing here");
  });
});
