/**
 * The options that name a Pact Broker and which consumer versions to read from it: verify's, and
 * the diff's (which checks the same pacts against a new spec).
 */
import { OptionError, option } from "../src/options/index.js";

/** `--broker-url`, `--broker-token` and `--consumer-version-selector`. */
export const BROKER_OPTIONS = {
  "broker-url": option.url({
    env: "PACT_BROKER_BASE_URL",
    description: "Fetch pacts from this Pact Broker instead of the pact folder",
  }),
  "broker-token": option.string({
    valueName: "TOKEN",
    env: "PACT_BROKER_TOKEN",
    secret: true,
    description: "The broker's bearer token (never printed or written)",
  }),
  "consumer-version-selector": option.list({
    valueName: "JSON",
    description: `Which consumer versions to verify, as JSON (default {"mainBranch":true} and {"deployedOrReleased":true})`,
    item: (raw: string, name: string): Record<string, unknown> => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        parsed = undefined;
      }
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        throw new OptionError(
          `--${name} expects a JSON object such as '{"mainBranch":true}', got ${JSON.stringify(raw)}`,
        );
      }
      return parsed as Record<string, unknown>;
    },
  }),
};

/** The selectors Pact's docs recommend when none is given: the main branch and what is deployed. */
export const DEFAULT_CONSUMER_VERSION_SELECTORS: readonly Record<string, unknown>[] = [
  { mainBranch: true },
  { deployedOrReleased: true },
];
