/**
 * Near misses of a shared code: the same code with one letter's case changed, padded or split by
 * whitespace, a character swapped for a look-alike, in full-width form, cut short or extended. The
 * spec forbids normalising a code before checking it, so each must be rejected.
 *
 * A near miss is a recipe (plain data) applied to a real shared code at send time, so a
 * counterexample prints the same whatever code the provider handed out, and a regression test can
 * apply it to a fresh code ({@link nearMissJs}).
 */
import fc from "fast-check";
import { CODE_ALPHABET, CODE_LENGTH } from "../../src/rules/index.js";
import { WHITESPACE } from "./invalid-code.js";
import { toFullWidth } from "./length-trap-code.js";

/** How a near miss is derived from a code. Positions are in `0 … CODE_LENGTH - 1`. */
export type NearMiss =
  | { readonly kind: "lower-case-one"; readonly at: number }
  | { readonly kind: "lower-case-all" }
  | { readonly kind: "pad"; readonly before: string; readonly after: string }
  | { readonly kind: "split"; readonly at: number; readonly whitespace: string }
  | { readonly kind: "look-alike"; readonly at: number }
  | { readonly kind: "full-width" }
  | { readonly kind: "drop-last" }
  | { readonly kind: "extend"; readonly extra: string };

/**
 * A look-alike for every character of the alphabet: `O`/`0`, `I`/`1`, Cyrillic and Greek
 * homoglyphs of Latin capitals, else the full-width form.
 */
export const LOOK_ALIKES: Readonly<Record<string, string>> = Object.fromEntries(
  [...CODE_ALPHABET].map((c) => {
    const homoglyph: Record<string, string> = {
      A: "А",
      B: "В",
      C: "С",
      E: "Е",
      H: "Н",
      I: "1",
      J: "Ј",
      K: "К",
      M: "М",
      N: "Ν",
      O: "0",
      P: "Р",
      S: "Ѕ",
      T: "Т",
      X: "Х",
      Y: "Υ",
      Z: "Ζ",
      "0": "O",
      "1": "I",
      "2": "Z",
      "5": "S",
      "8": "B",
    };
    return [c, homoglyph[c] ?? toFullWidth(c)];
  }),
);

/** A near-miss recipe. */
export function nearMiss(): fc.Arbitrary<NearMiss> {
  const at = fc.nat({ max: CODE_LENGTH - 1 });
  const ws = fc.string({ unit: fc.constantFrom(...WHITESPACE), maxLength: 2 });
  return fc.oneof(
    at.map((i) => ({ kind: "lower-case-one" as const, at: i })),
    fc.constant({ kind: "lower-case-all" as const }),
    fc
      .tuple(ws, ws)
      .filter(([b, a]) => b.length + a.length > 0)
      .map(([before, after]) => ({ kind: "pad" as const, before, after })),
    fc
      .tuple(fc.integer({ min: 1, max: CODE_LENGTH - 1 }), fc.constantFrom(...WHITESPACE))
      .map(([i, whitespace]) => ({ kind: "split" as const, at: i, whitespace })),
    at.map((i) => ({ kind: "look-alike" as const, at: i })),
    fc.constant({ kind: "full-width" as const }),
    fc.constant({ kind: "drop-last" as const }),
    fc.constantFrom(...CODE_ALPHABET).map((extra) => ({ kind: "extend" as const, extra })),
  );
}

/**
 * Applies a near miss to a code. Returns the code unchanged when the recipe does not apply (a
 * digit has no lower case): callers skip such cases.
 */
export function applyNearMiss(code: string, recipe: NearMiss): string {
  switch (recipe.kind) {
    case "lower-case-one":
      // The first character at or after `at` (wrapping) that has a lower case: a fixed position
      // would hit a digit in a fresh code about 28 % of the time, and a regression test replaying
      // the recipe on a new code would then send the shared code unchanged.
      for (let k = 0; k < code.length; k++) {
        const j = (recipe.at + k) % code.length;
        const c = code.charAt(j);
        if (c.toLowerCase() !== c) return code.slice(0, j) + c.toLowerCase() + code.slice(j + 1);
      }
      return code;
    case "lower-case-all":
      return code.toLowerCase();
    case "pad":
      return recipe.before + code + recipe.after;
    case "split":
      return code.slice(0, recipe.at) + recipe.whitespace + code.slice(recipe.at);
    case "look-alike":
      return (
        code.slice(0, recipe.at) + (LOOK_ALIKES[code.charAt(recipe.at)] ?? "") + code.slice(recipe.at + 1)
      );
    case "full-width":
      return [...code].map(toFullWidth).join("");
    case "drop-last":
      return code.slice(0, -1);
    case "extend":
      return code + recipe.extra;
  }
}

/**
 * The near miss as a JavaScript expression over the expression `code` (for generated regression
 * tests). `applyNearMiss(c, r)` equals the expression evaluated with `code = c`.
 */
export function nearMissJs(recipe: NearMiss, code: string): string {
  const q = (text: string): string => JSON.stringify(text);
  switch (recipe.kind) {
    case "lower-case-one":
      return `((c) => { for (let k = 0; k < c.length; k++) { const j = (${recipe.at} + k) % c.length; const x = c.charAt(j); if (x.toLowerCase() !== x) return c.slice(0, j) + x.toLowerCase() + c.slice(j + 1); } return c; })(${code})`;
    case "lower-case-all":
      return `${code}.toLowerCase()`;
    case "pad":
      return `${q(recipe.before)} + ${code} + ${q(recipe.after)}`;
    case "split":
      return `${code}.slice(0, ${recipe.at}) + ${q(recipe.whitespace)} + ${code}.slice(${recipe.at})`;
    case "look-alike":
      return `${code}.slice(0, ${recipe.at}) + (${JSON.stringify(LOOK_ALIKES)}[${code}.charAt(${recipe.at})] ?? "") + ${code}.slice(${recipe.at + 1})`;
    case "full-width":
      return `[...${code}].map((c) => String.fromCharCode(c.charCodeAt(0) - 0x21 + 0xff01)).join("")`;
    case "drop-last":
      return `${code}.slice(0, -1)`;
    case "extend":
      return `${code} + ${q(recipe.extra)}`;
  }
}
