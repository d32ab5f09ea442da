/**
 * Every other invalid body (no `code` or `type`, a wrong `type`, a non-object `payeeInfo`, JSON that
 * is not an object, text that is not JSON) opens no session: 400 with the spec's error code for it.
 * With a state endpoint the body carries a shared code, so a provider that ignores the defect
 * opens a session and cannot hide behind "unknown code".
 */
import fc from "fast-check";
import {
  type InvalidBody,
  invalidBody,
  invalidBodyFacts,
  invalidBodyFields,
  invalidBodyText,
} from "../../arbitraries/invalid-body.js";
import { validCode } from "../../arbitraries/valid-code.js";
import { CODE_SLOT, jsonBody, literalBody } from "../body-text.js";
import { type FuzzProperty, outcomeOf } from "../fuzz-property.js";
import { propertyRule } from "./catalog.js";
import { JSON_MEDIA_TYPE, REAL_TOKEN, sharedCodeOr } from "./requests.js";

/** The invalid-body property. */
export const invalidBodyProperty: FuzzProperty<[InvalidBody, string]> = {
  ...propertyRule("invalid-body"),
  sharedCodesFor: (cases) => cases,
  arbitrary: () => fc.tuple(invalidBody(), validCode()),
  async run([body, unshared], context, trace) {
    const fields = invalidBodyFields(body, CODE_SLOT);
    const text = invalidBodyText(body);
    const code = fields === undefined ? undefined : await sharedCodeOr(context, trace, unshared);
    const sent = fields === undefined || !code ? literalBody(text ?? "") : jsonBody(fields, code.code);
    await context.open(trace, {
      contentType: JSON_MEDIA_TYPE,
      auth: REAL_TOKEN,
      body: sent,
      facts: invalidBodyFacts(body, code?.fact ?? "missing"),
    });
    return outcomeOf(trace);
  },
};
