/** Interaction 2: a shared code with a `payeeInfo` object → 200 and a session. */
import { PROVIDER_STATES } from "../../src/rules/provider-states.js";
import { injectedCodeRequest, JSON_CONTENT_TYPE, SESSION_TEMPLATE } from "../matchers.js";
import { PLACEHOLDER_TOKEN } from "../pact-names.js";
import { defineInteraction } from "./define-interaction.js";
import { expectSession } from "./expect-result.js";

/** Opening a session with a shared code and free-form payee information. */
export const openSessionWithPayeeInfo = defineInteraction({
  description: "a request to open a session with a shared context code and payee information",
  state: PROVIDER_STATES.codeShared,
  token: PLACEHOLDER_TOKEN,
  // A store name with accents, as real payee apps send: a provider must take any UTF-8 text here.
  requestBody: injectedCodeRequest({ payeeInfo: { storeId: "store-42", storeName: "Café Zürich" } }),
  status: 200,
  responseHeaders: { "Content-Type": JSON_CONTENT_TYPE },
  responseBody: SESSION_TEMPLATE,
  check: expectSession,
});
