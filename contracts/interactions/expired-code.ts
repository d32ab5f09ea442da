/** Interaction 4: a code that was shared but has expired → 400 `invalid_code`. */

import { ERROR_CODES } from "../../src/rules/index.js";
import { PROVIDER_STATES } from "../../src/rules/provider-states.js";
import { INVALID_CODE_TEMPLATE, injectedCodeRequest, JSON_CONTENT_TYPE } from "../matchers.js";
import { PLACEHOLDER_TOKEN } from "../pact-names.js";
import { defineInteraction } from "./define-interaction.js";
import { expectError } from "./expect-result.js";

/** Opening a session with an expired code (the code is injected by the provider state). */
export const expiredCode = defineInteraction({
  description: "a request to open a session with an expired context code",
  state: PROVIDER_STATES.codeExpired,
  token: PLACEHOLDER_TOKEN,
  requestBody: injectedCodeRequest(),
  status: 400,
  responseHeaders: { "Content-Type": JSON_CONTENT_TYPE },
  responseBody: INVALID_CODE_TEMPLATE,
  check: (description, result) => expectError(description, result, 400, ERROR_CODES.invalidCode),
});
