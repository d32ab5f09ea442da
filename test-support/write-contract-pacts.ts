/**
 * The consumer pact, written for a test that needs it: every interaction must have passed against
 * Pact's mock server, or the test stops here saying which did not and why, instead of going on with
 * a pact that lacks an interaction (and failing later on an `undefined`).
 */
import { type PactRun, writePacts } from "../contracts/write-pacts.js";

/**
 * Writes the contract's pact into `dir`; throws naming each interaction that did not pass.
 *
 * @example
 * const { pactFile } = await writeContractPactsOrThrow(dir);
 */
export async function writeContractPactsOrThrow(dir: string): Promise<PactRun> {
  const run = await writePacts(dir);
  const failed = run.runs.filter((r) => r.outcome !== "passed");
  if (failed.length > 0) {
    throw new Error(
      `the consumer contract did not pass, so the pact in ${dir} is incomplete:\n${failed
        .map((r) => `- ${r.interaction.description}: ${r.outcome}: ${r.detail ?? "no detail"}`)
        .join("\n")}`,
    );
  }
  return run;
}
