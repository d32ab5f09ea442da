/** Interaction 5: a well-formed code no payer shared → 400 `invalid_code`. */
import { CODE_ALPHABET, CODE_LENGTH, ERROR_CODES, SESSION_TYPE } from "../../src/rules/index.js";
import { INVALID_CODE_TEMPLATE, JSON_CONTENT_TYPE } from "../matchers.js";
import { PLACEHOLDER_TOKEN } from "../pact-names.js";
import { defineInteraction } from "./define-interaction.js";
import { expectError } from "./expect-result.js";

// Built from the spec's alphabet ("999999"): well-formed, and with no provider state nothing shares
// it. A provider minting random codes would hit it once in 36^6 tries.
const UNSHARED_CODE = (CODE_ALPHABET.at(-1) ?? "").repeat(CODE_LENGTH);

/** Opening a session with a well-formed code that no payer shared. */
export const unsharedCode = defineInteraction({
  description: "a request to open a session with a well-formed context code no payer shared",
  token: PLACEHOLDER_TOKEN,
  requestBody: { code: UNSHARED_CODE, type: SESSION_TYPE },
  status: 400,
  responseHeaders: { "Content-Type": JSON_CONTENT_TYPE },
  responseBody: INVALID_CODE_TEMPLATE,
  check: (description, result) => expectError(description, result, 400, ERROR_CODES.invalidCode),
});
