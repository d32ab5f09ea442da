/**
 * Proof that the fuzz stage catches defects, under both verdict policies. With default settings (a
 * fixed seed, so the test is deterministic; --fail-fast only skips the properties after the first
 * failure, it changes no input):
 * - under `--rules spec`, it fails against every broken provider whose defect concerns validation,
 *   authentication, crashes or the answer's shape;
 * - under `--rules doc`, it fails against each of those whose defect breaks a rule the API doc
 *   states, and passes the others, listing the assumption they break as a deviation;
 * and it passes a provider that follows the doc while differing from the examples everywhere the
 * doc allows, under both.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DOC_POLICY, ruleOf, type VerdictPolicy } from "../../src/rules/index.js";
import { type StageResult, stageSettings } from "../../src/stages/stage.js";
import {
  DEFECTS,
  type DefectiveProvider,
  startConformingVariant,
} from "../../test-support/defective-providers/index.js";
import { stageContext } from "../../test-support/stage-context.js";
import { fuzzStage } from "./fuzz-stage.js";

const SEED = "20261128";
const KINDS = new Set(["validation", "authentication", "crash", "shape"]);
const SPEC: VerdictPolicy = { policy: "spec", overrides: {} };

let reportsDir: string;
beforeAll(async () => {
  reportsDir = await mkdtemp(join(tmpdir(), "bleepay-fuzz-defects-"));
});
afterAll(async () => {
  await rm(reportsDir, { recursive: true, force: true });
});

async function fuzz(
  provider: DefectiveProvider,
  values: Record<string, string | boolean>,
  policy: VerdictPolicy,
): Promise<StageResult> {
  try {
    const target = {
      baseUrl: provider.url,
      token: provider.token,
      stateSetupUrl: provider.stateSetupUrl,
      embedded: false,
    };
    return await fuzzStage.run(
      stageSettings(fuzzStage, { seed: SEED, ...values }),
      stageContext(target, reportsDir, { policy }),
    );
  } finally {
    await provider.close();
  }
}

const failedRules = (result: StageResult): string[] =>
  result.checks.filter((c) => c.outcome === "failed").flatMap((c) => (c.rules ?? []).map((r) => r.id));
const deviationRules = (result: StageResult): string[] =>
  result.checks.flatMap((c) => (c.deviations ?? []).map((d) => d.rule.id));

const caught = DEFECTS.filter((d) => KINDS.has(d.kind));

describe("bleepay-qa fuzz against the defective providers", () => {
  it.each(caught.map((d) => [d.id, d] as const))(
    "should catch %s under --rules spec",
    async (_id, defect) => {
      const result = await fuzz(await defect.start(), { "fail-fast": true }, SPEC);
      expect(result.outcome, defect.description).toBe("failed");
      for (const check of result.checks.filter((c) => c.outcome === "failed")) {
        expect(check.rules?.length, check.name).toBeGreaterThan(0);
        expect(check.stability, check.name).toMatch(/^(deterministic|flaky \(\d of 3\))$/);
      }
    },
    60_000,
  );

  it.each(caught.filter((d) => ruleOf(d.rule).basis === "doc").map((d) => [d.id, d] as const))(
    "should catch %s under --rules doc: it breaks a rule the doc states",
    async (_id, defect) => {
      const result = await fuzz(await defect.start(), { "fail-fast": true }, DOC_POLICY);
      expect(result.outcome, defect.description).toBe("failed");
      expect(failedRules(result).every((id) => ruleOf(id as never).basis === "doc")).toBe(true);
    },
    60_000,
  );

  it.each(caught.filter((d) => ruleOf(d.rule).basis === "assumption").map((d) => [d.id, d] as const))(
    "should pass %s under --rules doc, listing its assumption as a deviation",
    async (_id, defect) => {
      const result = await fuzz(await defect.start(), {}, DOC_POLICY);
      expect(result.checks.filter((c) => c.outcome === "failed")).toEqual([]);
      expect(deviationRules(result)).toContain(defect.rule);
    },
    60_000,
  );

  it.each([
    ["doc", DOC_POLICY],
    ["spec", SPEC],
  ] as const)(
    "should pass a provider that follows the doc but not the examples (--rules %s)",
    async (_name, policy) => {
      const result = await fuzz(await startConformingVariant(), {}, policy);
      expect(result.checks.filter((c) => c.outcome !== "passed")).toStrictEqual([]);
      expect(deviationRules(result)).toEqual([]);
      expect(result.outcome).toBe("passed");
    },
    120_000,
  );
});
