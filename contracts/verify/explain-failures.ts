/**
 * What verify adds to Pact's verdict on a failed interaction, which stands as Pact gives it: the
 * interaction verified again (twice, with fresh provider state) to tell a deterministic failure from
 * a flaky one, the request sent once more and its answer judged by the rules to name the rule it
 * breaks and that rule's basis, and a curl to replay it.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { CheckResult } from "../../src/stages/stage.js";
import { REPLAYS, ruleRef, stabilityLabel } from "../../src/stages/verdict.js";
import { findInteraction, type ReplayTarget, replayInteraction } from "./replay-interaction.js";
import { reproduceInteraction } from "./reproduce.js";
import type { VerificationWorker } from "./run-verification.js";
import { verificationChecks } from "./verification-checks.js";
import type { VerificationJob } from "./verification-job.js";

/** What {@link explainFailures} works with. */
export interface ExplainContext {
  readonly worker: VerificationWorker;
  /** The job that failed: its replays verify only the failed interactions of the local pacts. */
  readonly job: VerificationJob;
  /** The pacts read from the pact folder (a broker's are not replayed: they are not at hand). */
  readonly localPacts: readonly unknown[];
  readonly reportsDir: string;
  readonly target: ReplayTarget;
  /** Redacts what goes into a check's detail. */
  readonly clean: (text: string) => string;
}

/** The local pacts cut down to the interactions named, one file each, for a replay. */
async function writeReplayPacts(
  pacts: readonly unknown[],
  names: ReadonlySet<string>,
  dir: string,
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (const [i, pact] of pacts.entries()) {
    const interactions = ((pact as { interactions?: { description?: string }[] }).interactions ?? []).filter(
      (interaction) => names.has(interaction.description ?? ""),
    );
    if (interactions.length === 0) continue;
    const file = join(dir, `verify-replay-${i + 1}.json`);
    await writeFile(file, `${JSON.stringify({ ...(pact as object), interactions }, null, 2)}\n`);
    files.push(file);
  }
  return files;
}

/**
 * The checks with each failed interaction of a local pact explained: its stability, the rules its
 * answer breaks (or that it breaks none: the pact expects more than the spec), and its curl.
 */
export async function explainFailures(
  checks: readonly CheckResult[],
  context: ExplainContext,
): Promise<CheckResult[]> {
  const { localPacts, target } = context;
  const failed = new Set(
    checks.filter((c) => c.outcome === "failed" && findInteraction(localPacts, c.name)).map((c) => c.name),
  );
  if (failed.size === 0) return [...checks];
  // Verified again, alone, the number of times a failure is replayed: never published.
  const failures = new Map([...failed].map((name) => [name, 1]));
  const files = await writeReplayPacts(localPacts, failed, join(context.reportsDir, "replays"));
  let runs = 1;
  for (let i = 0; i < REPLAYS && !target.signal?.aborted; i++) {
    const outcome = await context.worker.verify(
      { ...context.job, pactSources: files, broker: undefined, publish: undefined, logLevel: "error" },
      target.signal ? { signal: target.signal } : {},
    );
    runs++;
    for (const check of verificationChecks(outcome, [target.token])) {
      if (check.outcome === "failed" && failed.has(check.name))
        failures.set(check.name, (failures.get(check.name) ?? 0) + 1);
    }
  }
  return Promise.all(
    checks.map(async (check) => {
      if (!failed.has(check.name)) return check;
      const interaction = findInteraction(localPacts, check.name);
      const reproduce = reproduceInteraction(
        localPacts,
        check.name,
        target.baseUrl,
        target.placeholderToken,
        context.reportsDir,
      );
      const judged = interaction
        ? await replayInteraction(interaction, target).catch(() => undefined)
        : undefined;
      const rules = [...new Set((judged?.findings ?? []).map((f) => f.rule))].map(ruleRef);
      const note = !judged
        ? "replayed by Pact only (the request could not be sent again: its provider state needs --state-setup-url)"
        : rules.length === 0
          ? "sent again, the answer breaks no rule of the spec: the pact expects more than the spec says"
          : `sent again, the answer breaks: ${judged.findings.map((f) => `${f.message} [${f.rule}, ${f.basis}]`).join("; ")}`;
      return {
        ...check,
        detail: context.clean(`${check.detail ?? ""}\n${note}`.trim()),
        ...(rules.length ? { rules } : {}),
        stability: stabilityLabel(failures.get(check.name) ?? 1, runs),
        ...(reproduce ? { reproduce } : {}),
      };
    }),
  );
}
