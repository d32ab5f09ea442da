/** Interaction 3: a code that breaks the spec's rule → 400 `invalid_code`. */
import { ERROR_CODES, SESSION_TYPE } from "../../src/rules/index.js";
import { EXAMPLE_CODE, INVALID_CODE_TEMPLATE, JSON_CONTENT_TYPE } from "../matchers.js";
import { PLACEHOLDER_TOKEN } from "../pact-names.js";
import { defineInteraction } from "./define-interaction.js";
import { expectError } from "./expect-result.js";

// The spec's example in lower case: the spec says lowercase is invalid and must not be normalised,
// so a provider that upper-cases codes before checking them fails this interaction.
const MALFORMED_CODE = EXAMPLE_CODE.toLowerCase();

/** Opening a session with a malformed code (sent past the client's own check). */
export const malformedCode = defineInteraction({
  description: "a request to open a session with a malformed context code",
  token: PLACEHOLDER_TOKEN,
  requestBody: { code: MALFORMED_CODE, type: SESSION_TYPE },
  skipLocalValidation: true,
  status: 400,
  responseHeaders: { "Content-Type": JSON_CONTENT_TYPE },
  responseBody: INVALID_CODE_TEMPLATE,
  check: (description, result) => expectError(description, result, 400, ERROR_CODES.invalidCode),
});
