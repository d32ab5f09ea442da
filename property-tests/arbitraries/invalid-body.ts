/**
 * Invalid bodies other than a bad code: missing `code` or `type`, a wrong `type`, a `payeeInfo`
 * that is not an object, JSON that is not an object, and text that is not JSON. Each says what it is
 * ({@link invalidBodyFacts}); what the answer must be is the answer oracle's business.
 */
import fc from "fast-check";
import { type RequestFacts, SESSION_TYPE } from "../../src/rules/index.js";
import { malformedJsonText } from "./malformed-json.js";
import { payeeInfo } from "./payee-info.js";

/** How a body is invalid. `code` marks where a real (well-formed, shared) code goes. */
export type InvalidBody =
  | { readonly kind: "missing-code"; readonly fields: Readonly<Record<string, unknown>> }
  | { readonly kind: "missing-type"; readonly fields: Readonly<Record<string, unknown>> }
  | { readonly kind: "wrong-type"; readonly type: unknown }
  | { readonly kind: "payee-info-not-object"; readonly payeeInfo: unknown }
  | { readonly kind: "not-an-object"; readonly value: unknown }
  | { readonly kind: "malformed-json"; readonly text: string };

/** Values of `type` other than `SESSION_DEFAULT`: near misses, other strings and non-strings. */
export function wrongSessionType(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(
      SESSION_TYPE.toLowerCase(),
      ` ${SESSION_TYPE}`,
      `${SESSION_TYPE} `,
      `${SESSION_TYPE}\u200b`,
      SESSION_TYPE.slice(0, -1),
      "SESSION_SPLIT",
      "",
    ),
    fc.string({ maxLength: 20 }).filter((t) => t !== SESSION_TYPE),
    fc.oneof(
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constant([SESSION_TYPE]),
      fc.constant({ type: SESSION_TYPE }),
    ),
  );
}

/** JSON values that are not objects. */
function nonObject(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 4 }),
  );
}

/** An invalid body of any kind. */
export function invalidBody(): fc.Arbitrary<InvalidBody> {
  const extras = fc.record({ payeeInfo: payeeInfo() }, { requiredKeys: [] });
  return fc.oneof(
    extras.map((e) => ({ kind: "missing-code" as const, fields: { type: SESSION_TYPE, ...e } })),
    extras.map((e) => ({ kind: "missing-type" as const, fields: e })),
    wrongSessionType().map((type) => ({ kind: "wrong-type" as const, type })),
    nonObject().map((p) => ({ kind: "payee-info-not-object" as const, payeeInfo: p })),
    fc
      .oneof(nonObject(), fc.constant([{ code: "A1B2C3", type: SESSION_TYPE }]))
      .map((value) => ({ kind: "not-an-object" as const, value })),
    malformedJsonText().map((text) => ({ kind: "malformed-json" as const, text })),
  );
}

/** What an invalid body is, for the answer oracle (its code, when it has one, is `code`). */
export function invalidBodyFacts(body: InvalidBody, code: RequestFacts["code"]): RequestFacts {
  const payeeInfo = (fields: Readonly<Record<string, unknown>>): RequestFacts =>
    fields.payeeInfo === undefined ? {} : { payeeInfo: "object" };
  switch (body.kind) {
    case "missing-code":
      return { code: "missing", ...payeeInfo(body.fields) };
    case "missing-type":
      return { code, type: "missing", ...payeeInfo(body.fields) };
    case "wrong-type":
      return { code, type: "wrong" };
    case "payee-info-not-object":
      return { code, payeeInfo: "not-object" };
    case "not-an-object":
      return { body: "not-object" };
    case "malformed-json":
      return { body: "not-json" };
  }
}

/**
 * The body's fields with the code slot filled, or `undefined` when the body is not an object
 * (then {@link invalidBodyText} gives the text as is).
 */
export function invalidBodyFields(body: InvalidBody, code: string): Record<string, unknown> | undefined {
  switch (body.kind) {
    case "missing-code":
      return { ...body.fields };
    case "missing-type":
      return { code, ...body.fields };
    case "wrong-type":
      return { code, type: body.type };
    case "payee-info-not-object":
      return { code, type: SESSION_TYPE, payeeInfo: body.payeeInfo };
    default:
      return undefined;
  }
}

/** The text of a non-object or malformed body (the others are serialised from their fields). */
export function invalidBodyText(body: InvalidBody): string | undefined {
  if (body.kind === "not-an-object") return JSON.stringify(body.value);
  if (body.kind === "malformed-json") return body.text;
  return undefined;
}
