/** The Open Session contract's consumer interactions, in the order they run and appear in the pact. */
import type { ContractInteraction } from "./contract-interaction.js";
import { expiredCode } from "./expired-code.js";
import { malformedCode } from "./malformed-code.js";
import { missingAuthorization } from "./missing-authorization.js";
import { openSessionSharedCode } from "./open-session-shared-code.js";
import { openSessionWithPayeeInfo } from "./open-session-with-payee-info.js";
import { unknownToken } from "./unknown-token.js";
import { unsharedCode } from "./unshared-code.js";

export * from "./contract-interaction.js";

/** Every interaction of the contract. */
export const INTERACTIONS: readonly ContractInteraction[] = [
  openSessionSharedCode,
  openSessionWithPayeeInfo,
  malformedCode,
  expiredCode,
  unsharedCode,
  missingAuthorization,
  unknownToken,
];

export {
  expiredCode,
  malformedCode,
  missingAuthorization,
  openSessionSharedCode,
  openSessionWithPayeeInfo,
  unknownToken,
  unsharedCode,
};
