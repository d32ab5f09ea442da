/**
 * Strings that break the context-code rule, one class at a time. Every class starts from a valid
 * code (so it differs from one in exactly the way its name says) and is checked against the rule
 * in `arbitraries.property.test.ts`. The length traps live in `length-trap-code.ts`, the non-string
 * JSON values in `non-string-code.ts`.
 */
import fc from "fast-check";
import { CODE_ALPHABET, CODE_LENGTH } from "../../src/rules/index.js";
import { lengthTrapCode } from "./length-trap-code.js";
import { nonStringCode } from "./non-string-code.js";
import { CODE_LETTERS, codeCharacter, validCode } from "./valid-code.js";

/** Replaces or inserts characters of `pool` into a valid code, at least once. */
function spliceInto(pool: fc.Arbitrary<string>, mode: "replace" | "insert" | "either"): fc.Arbitrary<string> {
  const edit = fc.record({
    at: fc.nat({ max: CODE_LENGTH }),
    text: pool,
    insert: mode === "either" ? fc.boolean() : fc.constant(mode === "insert"),
  });
  return fc.tuple(validCode(), fc.array(edit, { minLength: 1, maxLength: 3 })).map(([code, edits]) => {
    let out = code;
    for (const { at, text, insert } of edits) {
      // Positions are counted in UTF-16 units of the current string; inserted astral
      // characters may be split, which is itself a valid (malformed) input.
      const i = Math.min(at, out.length - (insert ? 0 : 1));
      out = out.slice(0, i) + text + out.slice(insert ? i : i + 1);
    }
    return out;
  });
}

/** 0 to `CODE_LENGTH - 1` characters of the alphabet: too short, including the empty string. */
export function tooShortCode(): fc.Arbitrary<string> {
  return fc.string({ unit: codeCharacter(), maxLength: CODE_LENGTH - 1 });
}

/** More than `CODE_LENGTH` characters of the alphabet: a few over, and very long (up to 4,000). */
export function tooLongCode(): fc.Arbitrary<string> {
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.string({ unit: codeCharacter(), minLength: CODE_LENGTH + 1, maxLength: CODE_LENGTH + 4 }),
    },
    { weight: 1, arbitrary: fc.string({ unit: codeCharacter(), minLength: 64, maxLength: 4_000 }) },
  );
}

/** A valid code with one or more letters in lower case (all lower case, or mixed). */
export function lowercaseCode(): fc.Arbitrary<string> {
  return fc
    .tuple(validCode(), fc.array(fc.boolean(), { minLength: CODE_LENGTH, maxLength: CODE_LENGTH }), fc.nat())
    .map(([code, lower, pick]) => {
      const chars = [...code].map((c, i) => (lower[i] ? c.toLowerCase() : c));
      if (chars.every((c) => c === c.toUpperCase())) {
        // No letter was lowered: force one, so the class never yields a valid code.
        const letter = CODE_LETTERS[pick % CODE_LETTERS.length] as string;
        chars[pick % CODE_LENGTH] = letter.toLowerCase();
      }
      return chars.join("");
    });
}

const PRINTABLE_ASCII = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i));

/** ASCII punctuation and symbols: printable, not in the alphabet, not a letter. */
export const CODE_SYMBOLS: readonly string[] = PRINTABLE_ASCII.filter(
  (c) => !CODE_ALPHABET.includes(c) && c.toLowerCase() === c.toUpperCase(),
);

/** A valid code with symbols or punctuation swapped in or added (`A1-B2C`, `A1B2C3!`). */
export function symbolCode(): fc.Arbitrary<string> {
  return spliceInto(fc.constantFrom(...CODE_SYMBOLS), "either");
}

/** Whitespace a provider might trim: ASCII, no-break, wide, ideographic and line separators. */
export const WHITESPACE: readonly string[] = [
  " ",
  "\t",
  "\n",
  "\r",
  "\v",
  "\f",
  "\u00a0",
  "\u1680",
  "\u2003",
  "\u2028",
  "\u2029",
  "\u202f",
  "\u3000",
];

/** A valid code with whitespace before, after or inside it (`" A1B2C3"`, `"A1B 2C3"`). */
export function whitespaceCode(): fc.Arbitrary<string> {
  const ws = fc.string({ unit: fc.constantFrom(...WHITESPACE), minLength: 1, maxLength: 3 });
  return fc.oneof(
    fc.tuple(ws, validCode()).map(([w, c]) => w + c),
    fc.tuple(validCode(), ws).map(([c, w]) => c + w),
    spliceInto(ws, "either"),
  );
}

/** Letters outside ASCII: accented Latin, Greek, Cyrillic, Hebrew, CJK, or any other BMP letter. */
export function nonAsciiLetter(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom("É", "Ü", "Ø", "Ñ", "Ç", "Å", "Ж", "Д", "Ω", "Σ", "ש", "中", "あ", "é", "ñ"),
    fc
      .integer({ min: 0xc0, max: 0xffef })
      .map((n) => String.fromCharCode(n))
      .filter((c) => /^\p{L}$/u.test(c) && !/^[A-Za-z]$/.test(c)),
  );
}

/** A valid code with non-ASCII letters swapped in or added (`A1É2C3`). */
export function nonAsciiLetterCode(): fc.Arbitrary<string> {
  return spliceInto(nonAsciiLetter(), "either");
}

/** Emoji: single code points, with skin tones, flags, ZWJ sequences and keycaps. */
export function emoji(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom("😀", "🎉", "👍🏽", "🇫🇷", "👨‍👩‍👧", "1️⃣", "❤️", "🅰️"),
    fc.integer({ min: 0x1f300, max: 0x1faff }).map((n) => String.fromCodePoint(n)),
  );
}

/** A valid code with emoji swapped in or added (`A1🎉B2C`). */
export function emojiCode(): fc.Arbitrary<string> {
  return spliceInto(emoji(), "either");
}

/** Zero-width characters and bidirectional controls (right-to-left marks, embeddings, isolates). */
export const INVISIBLE: readonly string[] = [
  "\u200b",
  "\u200c",
  "\u200d",
  "\u2060",
  "\ufeff",
  "\u00ad",
  "\u200e",
  "\u200f",
  "\u061c",
  "\u202a",
  "\u202b",
  "\u202c",
  "\u202d",
  "\u202e",
  "\u2066",
  "\u2067",
  "\u2068",
  "\u2069",
];

/** A valid code with zero-width or right-to-left characters in it (looks like `A1B2C3` on screen). */
export function invisibleCharacterCode(): fc.Arbitrary<string> {
  return spliceInto(fc.constantFrom(...INVISIBLE), "either");
}

/** C0 and C1 control characters, NUL and DEL included. */
export function controlCharacter(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constant("\u0000"),
    fc.integer({ min: 0, max: 0x1f }).map((n) => String.fromCharCode(n)),
    fc.integer({ min: 0x7f, max: 0x9f }).map((n) => String.fromCharCode(n)),
  );
}

/** A valid code with control characters (NUL included) swapped in or added. */
export function controlCharacterCode(): fc.Arbitrary<string> {
  return spliceInto(controlCharacter(), "either");
}

/** A named class of invalid codes. */
export interface InvalidCodeClass {
  /** Kebab-case name, shown in counterexamples. */
  readonly name: string;
  /** The class's arbitrary. */
  readonly arbitrary: () => fc.Arbitrary<unknown>;
}

/** Every class of invalid code, strings and non-strings. */
export const INVALID_CODE_CLASSES: readonly InvalidCodeClass[] = [
  { name: "too-short", arbitrary: tooShortCode },
  { name: "too-long", arbitrary: tooLongCode },
  { name: "lowercase", arbitrary: lowercaseCode },
  { name: "symbols", arbitrary: symbolCode },
  { name: "whitespace", arbitrary: whitespaceCode },
  { name: "non-ascii-letters", arbitrary: nonAsciiLetterCode },
  { name: "emoji", arbitrary: emojiCode },
  { name: "invisible", arbitrary: invisibleCharacterCode },
  { name: "control", arbitrary: controlCharacterCode },
  { name: "length-trap", arbitrary: lengthTrapCode },
  { name: "not-a-string", arbitrary: nonStringCode },
];

/** An invalid code and the class it was drawn from. */
export interface ClassifiedInvalidCode {
  readonly kind: string;
  readonly code: unknown;
}

/** An invalid code from any class, labelled with its class (equal weights). */
export function invalidCode(): fc.Arbitrary<ClassifiedInvalidCode> {
  return fc.oneof(...INVALID_CODE_CLASSES.map((c) => c.arbitrary().map((code) => ({ kind: c.name, code }))));
}

/** An invalid code that is a string (every class but `not-a-string`). */
export function invalidCodeString(): fc.Arbitrary<string> {
  return fc.oneof(
    ...INVALID_CODE_CLASSES.filter((c) => c.name !== "not-a-string").map(
      (c) => c.arbitrary() as fc.Arbitrary<string>,
    ),
  );
}
