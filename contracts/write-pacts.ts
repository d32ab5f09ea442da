/**
 * Runs the consumer interactions against Pact's mock server and writes the pact file. Used by
 * `bleepay-qa contracts`; the vitest suite runs the same interactions one per test.
 */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { PactV4 } from "@pact-foundation/pact";
import { type ContractInteraction, INTERACTIONS } from "./interactions/index.js";
import { CONSUMER_NAME, PACT_FILE_NAME, PROVIDER_NAME } from "./pact-names.js";

/**
 * A `PactV4` for the Open Session contract that writes to `dir`. Pact's own log is kept to errors:
 * its debug output would print every request, and consumer tests carry no secret but stay readable.
 *
 * @example
 * const pact = createContractPact("reports/pacts");
 * await openSessionSharedCode.run(pact);
 */
export function createContractPact(dir: string): PactV4 {
  return new PactV4({ consumer: CONSUMER_NAME, provider: PROVIDER_NAME, dir, logLevel: "error" });
}

/** How one interaction went. */
export interface InteractionRun {
  readonly interaction: ContractInteraction;
  readonly outcome: "passed" | "failed" | "not-run";
  /** Why it failed or did not run. */
  readonly detail?: string;
}

/** What {@link writePacts} did. */
export interface PactRun {
  /** The pact file (holds only the interactions that passed). */
  readonly pactFile: string;
  readonly runs: readonly InteractionRun[];
}

/**
 * Writes a fresh pact into `dir`: the old file is removed first, because Pact merges into an
 * existing file and an interaction deleted from the suite would otherwise live on in it.
 */
export async function writePacts(
  dir: string,
  options: { interactions?: readonly ContractInteraction[]; signal?: AbortSignal } = {},
): Promise<PactRun> {
  const pactFile = join(dir, PACT_FILE_NAME);
  await rm(pactFile, { force: true });
  const pact = createContractPact(dir);
  const runs: InteractionRun[] = [];
  for (const interaction of options.interactions ?? INTERACTIONS) {
    if (options.signal?.aborted) {
      runs.push({ interaction, outcome: "not-run", detail: "interrupted" });
      continue;
    }
    try {
      await interaction.run(pact);
      runs.push({ interaction, outcome: "passed" });
    } catch (error) {
      runs.push({
        interaction,
        outcome: "failed",
        detail: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return { pactFile, runs };
}
