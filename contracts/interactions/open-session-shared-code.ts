/** Interaction 1: a code the payer shared, minimal body → 200 and a session. */
import { PROVIDER_STATES } from "../../src/rules/provider-states.js";
import { injectedCodeRequest, JSON_CONTENT_TYPE, SESSION_TEMPLATE } from "../matchers.js";
import { PLACEHOLDER_TOKEN } from "../pact-names.js";
import { defineInteraction } from "./define-interaction.js";
import { expectSession } from "./expect-result.js";

/** Opening a session with a shared code (the code is injected by the provider state). */
export const openSessionSharedCode = defineInteraction({
  description: "a request to open a session with a shared context code",
  state: PROVIDER_STATES.codeShared,
  token: PLACEHOLDER_TOKEN,
  requestBody: injectedCodeRequest(),
  status: 200,
  responseHeaders: { "Content-Type": JSON_CONTENT_TYPE },
  responseBody: SESSION_TEMPLATE,
  check: expectSession,
});
