import { describe, expect, it } from "vitest";
import { createTokenCheck } from "./token-check.js";

describe("createTokenCheck", () => {
  const check = createTokenCheck(["first-token", "second-token"]);

  it("accepts each configured token after the Bearer scheme, in any case of the scheme", () => {
    expect(check("Bearer first-token")).toBe(true);
    expect(check("Bearer second-token")).toBe(true);
    expect(check("bearer first-token")).toBe(true);
    expect(check("BEARER second-token")).toBe(true);
  });

  it.each([
    ["no header", undefined],
    ["an empty header", ""],
    ["the bare scheme", "Bearer"],
    ["an empty token", "Bearer "],
    ["another scheme", "Basic first-token"],
    ["no scheme", "first-token"],
    ["two spaces", "Bearer  first-token"],
    ["a trailing space", "Bearer first-token "],
    ["a prefix of a token", "Bearer first-toke"],
    ["a token with a suffix", "Bearer first-tokenX"],
    ["the token in another case", "Bearer FIRST-TOKEN"],
    ["both tokens joined", "Bearer first-tokensecond-token"],
    ["a very long guess", `Bearer ${"x".repeat(10_000)}`],
  ])("refuses %s", (_name, header) => {
    expect(check(header)).toBe(false);
  });

  it("refuses to start without a token, or with an empty one", () => {
    expect(() => createTokenCheck([])).toThrow(/token/);
    expect(() => createTokenCheck(["ok", ""])).toThrow(/token/);
  });
});
