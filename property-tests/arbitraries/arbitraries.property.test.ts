/**
 * The arbitraries do what their names promise: traps are traps, recipes rendered as JavaScript or
 * shell give exactly the value sent, and no bad token is ever the real one.
 */
import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CODE_LENGTH, CODE_REGEXP, isWellFormedCode, SESSION_TYPE } from "../../src/rules/index.js";
import {
  authorizationHeader,
  authorizationJs,
  authorizationShell,
  badAuthorization,
  isRealCredential,
} from "./authorization.js";
import { wrongSessionType } from "./invalid-body.js";
import { caseTrapCode, combiningMarkCode, fullWidthCode, surrogatePairCode } from "./length-trap-code.js";
import { malformedJsonText } from "./malformed-json.js";
import { applyNearMiss, nearMiss, nearMissJs } from "./near-miss-code.js";
import { validCode } from "./valid-code.js";

const evaluate = (expression: string, name: string, value: string): unknown =>
  new Function(name, `return ${expression};`)(value);

const TOKENS = fc.oneof(
  fc.constant("dev-payee-token"),
  fc
    .string({ unit: "grapheme-ascii", minLength: 4, maxLength: 40 })
    .filter((t) => t.trim() === t && !/[\s'"$`\\]/.test(t)),
);

describe("length traps", () => {
  it("should make surrogate-pair codes six code points but more than six UTF-16 units", () => {
    fc.assert(
      fc.property(
        surrogatePairCode(),
        (code) => [...code].length === CODE_LENGTH && code.length > CODE_LENGTH,
      ),
    );
  });

  it("should make full-width codes valid under NFKC only", () => {
    fc.assert(
      fc.property(
        fullWidthCode(),
        (code) => !CODE_REGEXP.test(code) && CODE_REGEXP.test(code.normalize("NFKC")),
      ),
    );
  });

  it("should give combining-mark codes a mark after a valid character", () => {
    fc.assert(fc.property(combiningMarkCode(), (code) => /\p{M}/u.test(code) && !isWellFormedCode(code)));
  });

  it("should make case-trap codes invalid as sent", () => {
    fc.assert(fc.property(caseTrapCode(), (code) => !isWellFormedCode(code)));
  });
});

describe("near misses of a code", () => {
  it("should differ from the code, unless lower-casing where the code has no letter", () => {
    fc.assert(
      fc.property(validCode(), nearMiss(), (code, recipe) => {
        const miss = applyNearMiss(code, recipe);
        if (miss !== code) return;
        // Only a lower-casing can leave a code as it was, and only with no letter where it looks
        // (an all-digit code such as 703704 has none at all); the fuzz property skips such cases.
        if (recipe.kind === "lower-case-all") expect(code).not.toMatch(/[A-Z]/);
        else if (recipe.kind === "lower-case-one") expect(code.slice(recipe.at)).not.toMatch(/[A-Z]/);
        else expect.fail(`${recipe.kind} left ${code} unchanged`);
      }),
      { numRuns: 2_000 },
    );
  });

  it("should render as JavaScript that computes the same near miss", () => {
    fc.assert(
      fc.property(validCode(), nearMiss(), (code, recipe) => {
        expect(evaluate(nearMissJs(recipe, "code"), "code", code)).toBe(applyNearMiss(code, recipe));
      }),
    );
  });
});

describe("bad Authorization headers", () => {
  it("should never carry the real credential", () => {
    fc.assert(
      fc.property(
        TOKENS.chain((t) => fc.tuple(fc.constant(t), badAuthorization(t))),
        ([token, recipe]) => !isRealCredential(authorizationHeader(recipe, token), token),
      ),
    );
  });

  it("should render as JavaScript that computes the same header", () => {
    fc.assert(
      fc.property(
        TOKENS.chain((t) => fc.tuple(fc.constant(t), badAuthorization(t))),
        ([token, recipe]) => {
          const js = authorizationJs(recipe);
          expect(js === undefined ? undefined : evaluate(js, "token", token)).toBe(
            authorizationHeader(recipe, token),
          );
        },
      ),
    );
  });

  it("should render as a bash word that expands to the same header, without the token's value", () => {
    const token = "dev-Payee-t0ken";
    const cases = fc.sample(badAuthorization(token), { seed: 7, numRuns: 150 });
    const words = cases.map((r) => authorizationShell(r));
    for (const word of words) expect(word ?? "").not.toContain(token);
    const script = words
      .map((w) => (w === undefined ? "printf '%s\\0' '<none>'" : `printf '%s\\0' ${w}`))
      .join("\n");
    const out = execFileSync("bash", ["-c", script], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, BLEEPAY_TOKEN: token },
      encoding: "utf8",
    });
    const expanded = out.split("\0").slice(0, -1);
    expect(expanded).toStrictEqual(
      cases.map((r) => {
        const header = authorizationHeader(r, token);
        return header === undefined ? "<none>" : `Authorization: ${header}`;
      }),
    );
  });
});

describe("invalid bodies", () => {
  it("should never produce text that parses as JSON", () => {
    fc.assert(
      fc.property(malformedJsonText(), (text) => {
        expect(() => JSON.parse(text)).toThrow();
      }),
    );
  });

  it("should never produce the valid session type", () => {
    fc.assert(fc.property(wrongSessionType(), (type) => type !== SESSION_TYPE));
  });
});
