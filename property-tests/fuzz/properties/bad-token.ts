/**
 * Every bad token is answered 401 `unauthorized` with `WWW-Authenticate`, whatever the body: a
 * valid body with a shared code (a provider that lets the token through opens a session), an
 * unshared code, an invalid code or an invalid body. Authentication comes first, always.
 */
import fc from "fast-check";
import { codeFactOf, type RequestFacts } from "../../../src/rules/index.js";
import { type BadAuthorization, badAuthorization } from "../../arbitraries/authorization.js";
import {
  type InvalidBody,
  invalidBody,
  invalidBodyFacts,
  invalidBodyFields,
  invalidBodyText,
} from "../../arbitraries/invalid-body.js";
import { type ClassifiedInvalidCode, invalidCode } from "../../arbitraries/invalid-code.js";
import { type BodyWithoutCode, bodyWithoutCode } from "../../arbitraries/open-session-body.js";
import { validCode } from "../../arbitraries/valid-code.js";
import { type BodyText, CODE_SLOT, jsonBody, literalBody, literalCode } from "../body-text.js";
import type { FuzzContext } from "../fuzz-context.js";
import { type FuzzProperty, outcomeOf } from "../fuzz-property.js";
import type { Trace } from "../trace.js";
import { propertyRule } from "./catalog.js";
import { badToken, JSON_MEDIA_TYPE, restFacts } from "./requests.js";

/** The body sent with a bad token. */
export type BadTokenBody =
  | { readonly kind: "shared-code"; readonly rest: BodyWithoutCode }
  | { readonly kind: "unshared-code"; readonly code: string; readonly rest: BodyWithoutCode }
  | { readonly kind: "invalid-code"; readonly code: ClassifiedInvalidCode }
  | { readonly kind: "invalid-body"; readonly body: InvalidBody };

/** The body sent with a bad token, and what it is. */
async function render(
  body: BadTokenBody,
  context: FuzzContext,
  trace: Trace,
): Promise<{ text: BodyText; facts: RequestFacts }> {
  switch (body.kind) {
    case "shared-code":
      return {
        text: jsonBody({ code: CODE_SLOT, ...body.rest }, await context.sharedCode(trace)),
        facts: { ...restFacts(body.rest), code: "shared" },
      };
    case "unshared-code":
      return {
        text: jsonBody({ code: CODE_SLOT, ...body.rest }, literalCode(body.code)),
        facts: { ...restFacts(body.rest), code: "unshared" },
      };
    case "invalid-code":
      return {
        text: jsonBody({ code: body.code.code, type: "SESSION_DEFAULT" }),
        facts: { code: codeFactOf(body.code.code) },
      };
    case "invalid-body": {
      const fields = invalidBodyFields(body.body, CODE_SLOT);
      return {
        text:
          fields === undefined
            ? literalBody(invalidBodyText(body.body) ?? "")
            : jsonBody(fields, literalCode("A1B2C3")),
        facts: invalidBodyFacts(body.body, "unshared"),
      };
    }
  }
}

/** The bad-token property. */
export const badTokenProperty: FuzzProperty<[BadAuthorization, BadTokenBody]> = {
  ...propertyRule("bad-token"),
  // About a quarter of the inputs carry a shared code; reserving that many saves state calls.
  sharedCodesFor: (cases) => Math.ceil(cases / 3),
  arbitrary: ({ token, hasStates }) => {
    const bodies: fc.Arbitrary<BadTokenBody>[] = [
      fc
        .tuple(validCode(), bodyWithoutCode())
        .map(([code, rest]) => ({ kind: "unshared-code" as const, code, rest })),
      invalidCode().map((code) => ({ kind: "invalid-code" as const, code })),
      invalidBody().map((b) => ({ kind: "invalid-body" as const, body: b })),
    ];
    if (hasStates) bodies.unshift(bodyWithoutCode().map((rest) => ({ kind: "shared-code" as const, rest })));
    return fc.tuple(badAuthorization(token), fc.oneof(...bodies));
  },
  async run([recipe, body], context, trace) {
    const { text, facts } = await render(body, context, trace);
    await context.open(trace, {
      contentType: JSON_MEDIA_TYPE,
      auth: badToken(recipe),
      body: text,
      facts: { ...facts, auth: recipe.kind === "missing" ? "missing" : "invalid" },
    });
    return outcomeOf(trace);
  },
};
