/**
 * Codes built to fool a `value.length === 6` check or a provider that normalises input before
 * checking it: each looks like six characters to a person (or becomes a valid code once upper-cased
 * or NFKC-normalised), yet none matches the spec's pattern.
 */
import fc from "fast-check";
import { CODE_LENGTH } from "../../src/rules/index.js";
import { validCode } from "./valid-code.js";

/** Astral (outside the BMP) look-alikes of letters and digits: two UTF-16 units each. */
export function astralLookAlike(): fc.Arbitrary<string> {
  return fc.oneof(
    // Mathematical bold capitals 𝐀…𝐙 and digits 𝟎…𝟗.
    fc.nat({ max: 25 }).map((i) => String.fromCodePoint(0x1d400 + i)),
    fc.nat({ max: 9 }).map((i) => String.fromCodePoint(0x1d7ce + i)),
    // Squared capitals 🄰…🅉.
    fc.nat({ max: 25 }).map((i) => String.fromCodePoint(0x1f130 + i)),
  );
}

/** Six code points, one or more astral: seven or more UTF-16 units (`A1𝐁2C3`). */
export function surrogatePairCode(): fc.Arbitrary<string> {
  return fc
    .tuple(
      validCode(),
      fc.uniqueArray(fc.nat({ max: CODE_LENGTH - 1 }), { minLength: 1, maxLength: 3 }),
      fc.array(astralLookAlike(), { minLength: 3, maxLength: 3 }),
    )
    .map(([code, at, astral]) => {
      const chars = [...code];
      at.forEach((i, n) => {
        chars[i] = astral[n] as string;
      });
      return chars.join("");
    });
}

const COMBINING_MARKS = ["\u0301", "\u0300", "\u0308", "\u030a", "\u0327", "\u0303", "\u20e3", "\u0336"];

/** A valid code with a combining mark after one character (`A1B́2C3`: six graphemes, seven units). */
export function combiningMarkCode(): fc.Arbitrary<string> {
  return fc
    .tuple(validCode(), fc.nat({ max: CODE_LENGTH - 1 }), fc.constantFrom(...COMBINING_MARKS), fc.boolean())
    .map(([code, at, mark, dropOne]) => {
      // dropOne keeps the UTF-16 length at exactly six: five characters plus one mark.
      const base = dropOne ? code.slice(0, CODE_LENGTH - 1) : code;
      const i = Math.min(at, base.length - 1);
      return base.slice(0, i + 1) + mark + base.slice(i + 1);
    });
}

/** The full-width form of an ASCII letter or digit (`A` → `Ａ`, `1` → `１`). */
export function toFullWidth(c: string): string {
  const n = c.charCodeAt(0);
  return n >= 0x21 && n <= 0x7e ? String.fromCharCode(n - 0x21 + 0xff01) : c;
}

/** A valid code with some or all characters in full-width form (`Ａ１Ｂ２Ｃ３`): NFKC makes it valid. */
export function fullWidthCode(): fc.Arbitrary<string> {
  return fc
    .tuple(
      validCode(),
      fc.array(fc.boolean(), { minLength: CODE_LENGTH, maxLength: CODE_LENGTH }),
      fc.nat({ max: CODE_LENGTH - 1 }),
    )
    .map(([code, wide, forced]) =>
      [...code].map((c, i) => (wide[i] || i === forced ? toFullWidth(c) : c)).join(""),
    );
}

/**
 * Letters whose upper case is longer (`ß` → `SS`, `ﬁ` → `FI`) and letters that case-fold to ASCII
 * (`ı` → `I`, `ſ` → `S`, the Kelvin sign `K` → `k`).
 */
export const CASE_TRAP_LETTERS: readonly string[] = ["ß", "ﬁ", "ﬂ", "ﬀ", "ﬃ", "ŉ", "ı", "ſ", "\u212a"];

/**
 * A code holding a case trap: either six characters with one trap letter in place of one, or one
 * character short so that upper-casing (`AB12ß` → `AB12SS`) yields exactly a valid-looking code.
 */
export function caseTrapCode(): fc.Arbitrary<string> {
  return fc
    .tuple(validCode(), fc.constantFrom(...CASE_TRAP_LETTERS), fc.nat({ max: CODE_LENGTH - 1 }), fc.boolean())
    .map(([code, trap, at, upperFits]) => {
      const upperLength = trap.toUpperCase().length;
      if (upperFits && upperLength > 1) {
        const keep = code.slice(0, CODE_LENGTH - upperLength);
        const i = Math.min(at, keep.length);
        return keep.slice(0, i) + trap + keep.slice(i);
      }
      return code.slice(0, at) + trap + code.slice(at + 1);
    });
}

/** Every length trap: surrogate pairs, combining marks, full-width forms and case traps. */
export function lengthTrapCode(): fc.Arbitrary<string> {
  return fc.oneof(surrogatePairCode(), combiningMarkCode(), fullWidthCode(), caseTrapCode());
}
