/**
 * A request body as sent and as a JavaScript expression, so a regression test can rebuild it
 * around a freshly shared code.
 */

/** A body text, and a JavaScript expression that evaluates to it (over code bindings). */
export interface BodyText {
  readonly text: string;
  readonly js: string;
}

/** A code as sent, and as a JavaScript expression (e.g. `code1`, `code1.toLowerCase()`). */
export interface CodeValue {
  readonly value: string;
  readonly js: string;
}

/**
 * Marks where a bound code goes in a fields object; never a value a generator produces (it holds
 * NUL characters around a name).
 */
export const CODE_SLOT = "\u0000bleepay-qa-code-slot\u0000";

/** A body serialised from fields; a field whose value is {@link CODE_SLOT} takes `code`. */
export function jsonBody(fields: unknown, code?: CodeValue): BodyText {
  const raw = JSON.stringify(fields) ?? "";
  const parts = raw.split(JSON.stringify(CODE_SLOT));
  if (parts.length === 1 || code === undefined) return { text: raw, js: JSON.stringify(raw) };
  return {
    text: parts.join(JSON.stringify(code.value)),
    js: parts.map((p) => JSON.stringify(p)).join(` + JSON.stringify(${code.js}) + `),
  };
}

/** A body sent exactly as given (not JSON, or JSON that is not an object). */
export function literalBody(text: string): BodyText {
  return { text, js: JSON.stringify(text) };
}

/** A code sent literally (generated, not bound to a provider state). */
export function literalCode(value: string): CodeValue {
  return { value, js: JSON.stringify(value) };
}
