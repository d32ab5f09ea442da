/**
 * A valid body sent with a media type other than JSON is answered 415 `unsupported_media_type`
 * (with a shared code when possible, so a provider that ignores the type opens a session).
 */
import fc from "fast-check";
import { wrongContentType } from "../../arbitraries/content-type.js";
import { type BodyWithoutCode, bodyWithoutCode } from "../../arbitraries/open-session-body.js";
import { validCode } from "../../arbitraries/valid-code.js";
import { type FuzzProperty, outcomeOf } from "../fuzz-property.js";
import { propertyRule } from "./catalog.js";
import { openRequest, sharedCodeOr } from "./requests.js";

/** The content-type property. */
export const contentTypeProperty: FuzzProperty<[string, BodyWithoutCode, string]> = {
  ...propertyRule("content-type"),
  sharedCodesFor: (cases) => cases,
  arbitrary: () => fc.tuple(wrongContentType(), bodyWithoutCode(), validCode()),
  async run([contentType, rest, unshared], context, trace) {
    const { code, fact } = await sharedCodeOr(context, trace, unshared);
    const request = openRequest(code, rest, { code: fact, media: "other" });
    await context.open(trace, { ...request, contentType });
    return outcomeOf(trace);
  },
};
