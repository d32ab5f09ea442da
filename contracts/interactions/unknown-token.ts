/** Interaction 7: a bearer token the provider does not know → 401 `unauthorized`. */
import { ERROR_CODES } from "../../src/rules/index.js";
import { PROVIDER_STATES } from "../../src/rules/provider-states.js";
import {
  injectedCodeRequest,
  JSON_CONTENT_TYPE,
  UNAUTHORIZED_TEMPLATE,
  WWW_AUTHENTICATE,
} from "../matchers.js";
import { UNKNOWN_TOKEN } from "../pact-names.js";
import { defineInteraction } from "./define-interaction.js";
import { expectError } from "./expect-result.js";

/** Opening a session with an unknown token (the verifier keeps it: it is not the placeholder). */
export const unknownToken = defineInteraction({
  description: "a request to open a session with a bearer token the provider does not know",
  token: UNKNOWN_TOKEN,
  // A code the payer shared: the token is the only thing wrong, so the doc's answer is 401, whatever
  // order a provider checks in.
  state: PROVIDER_STATES.codeShared,
  requestBody: injectedCodeRequest(),
  status: 401,
  responseHeaders: { "Content-Type": JSON_CONTENT_TYPE, "WWW-Authenticate": WWW_AUTHENTICATE },
  responseBody: UNAUTHORIZED_TEMPLATE,
  check: (description, result) => expectError(description, result, 401, ERROR_CODES.unauthorized),
});
