/** Interaction 6: no `Authorization` header → 401 `unauthorized` with `WWW-Authenticate: Bearer`. */
import { ERROR_CODES } from "../../src/rules/index.js";
import { PROVIDER_STATES } from "../../src/rules/provider-states.js";
import {
  injectedCodeRequest,
  JSON_CONTENT_TYPE,
  UNAUTHORIZED_TEMPLATE,
  WWW_AUTHENTICATE,
} from "../matchers.js";
import { defineInteraction } from "./define-interaction.js";
import { expectError } from "./expect-result.js";

/** Opening a session without a token (the verifier adds none: it only replaces the placeholder). */
export const missingAuthorization = defineInteraction({
  description: "a request to open a session without an Authorization header",
  token: undefined,
  // A code the payer shared: the token is the only thing wrong, so the doc's answer is 401, whatever
  // order a provider checks in.
  state: PROVIDER_STATES.codeShared,
  requestBody: injectedCodeRequest(),
  status: 401,
  responseHeaders: { "Content-Type": JSON_CONTENT_TYPE, "WWW-Authenticate": WWW_AUTHENTICATE },
  responseBody: UNAUTHORIZED_TEMPLATE,
  check: (description, result) => expectError(description, result, 401, ERROR_CODES.unauthorized),
});
