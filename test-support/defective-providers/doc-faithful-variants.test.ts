/**
 * The verdict policy, proven on providers that follow every rule the API doc states and each depart
 * from one assumption of the spec: under `--rules doc` (the default) smoke and fuzz pass them and
 * list the departure as a deviation; under `--rules spec` they fail them, naming the assumption.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fuzzStage } from "../../property-tests/fuzz/fuzz-stage.js";
import { DOC_POLICY, type VerdictPolicy } from "../../src/rules/index.js";
import { smokeStage } from "../../src/stages/smoke/smoke-stage.js";
import { type Stage, type StageResult, stageSettings } from "../../src/stages/stage.js";
import { stageContext } from "../stage-context.js";
import { DOC_FAITHFUL_VARIANTS, type DocFaithfulVariant } from "./doc-faithful-variants.js";

const SPEC: VerdictPolicy = { policy: "spec", overrides: {} };

/** Which stage can see each variant's departure: smoke's cases, and the fuzz properties that send it. */
const SEEN_BY: Readonly<Record<string, { readonly smoke: boolean; readonly fuzz: readonly string[] }>> = {
  "accepts-text-plain": { smoke: true, fuzz: ["content-type"] },
  "get-is-404": { smoke: true, fuzz: [] },
  "takes-64-kib": { smoke: true, fuzz: [] },
  "error-envelope": { smoke: true, fuzz: ["invalid-code"] },
  "upper-cases-codes": { smoke: false, fuzz: ["near-miss"] },
  "type-is-422": { smoke: true, fuzz: ["invalid-body"] },
  "body-before-token": { smoke: true, fuzz: ["bad-token"] },
  "seconds-timestamps": { smoke: true, fuzz: ["shared-code"] },
  "uuid-ids": { smoke: true, fuzz: ["shared-code"] },
};

let reportsDir: string;
beforeAll(async () => {
  reportsDir = await mkdtemp(join(tmpdir(), "bleepay-variants-"));
});
afterAll(() => rm(reportsDir, { recursive: true, force: true }));

async function runAgainst(
  variant: DocFaithfulVariant,
  stage: Stage,
  values: Record<string, string | string[] | boolean>,
  policy: VerdictPolicy,
): Promise<StageResult> {
  const provider = await variant.start();
  try {
    const target = {
      baseUrl: provider.url,
      token: provider.token,
      stateSetupUrl: provider.stateSetupUrl,
      embedded: false,
    };
    return await stage.run(stageSettings(stage, values), stageContext(target, reportsDir, { policy }));
  } finally {
    await provider.close();
  }
}

const deviationIds = (result: StageResult): string[] =>
  result.checks.flatMap((c) => (c.deviations ?? []).map((d) => d.rule.id));
const failedRuleIds = (result: StageResult): string[] =>
  result.checks.filter((c) => c.outcome === "failed").flatMap((c) => (c.rules ?? []).map((r) => r.id));

describe("doc-faithful variants of the reference provider", () => {
  it("are one per assumption the issue names, each classified by the stages that see it", () => {
    expect(DOC_FAITHFUL_VARIANTS.map((v) => v.id).sort()).toEqual(Object.keys(SEEN_BY).sort());
  });

  describe.each(DOC_FAITHFUL_VARIANTS.map((v) => [v.id, v] as const))("%s", (_id, variant) => {
    const seen = SEEN_BY[variant.id] ?? { smoke: false, fuzz: [] };

    it.runIf(seen.smoke)(
      "smoke passes it under --rules doc, listing the deviation, and fails it under --rules spec",
      async () => {
        const lenient = await runAgainst(variant, smokeStage, {}, DOC_POLICY);
        expect(lenient.checks.filter((c) => c.outcome === "failed")).toEqual([]);
        expect(lenient.outcome).toBe("passed");
        expect(deviationIds(lenient)).toContain(variant.assumption);
        const strict = await runAgainst(variant, smokeStage, {}, SPEC);
        expect(strict.outcome).toBe("failed");
        expect(failedRuleIds(strict)).toContain(variant.assumption);
      },
      30_000,
    );

    it.runIf(seen.fuzz.length > 0)(
      "fuzz passes it under --rules doc, listing the deviation, and fails it under --rules spec",
      async () => {
        const values = { seed: "20261202", runs: "60", property: [...seen.fuzz] };
        const lenient = await runAgainst(variant, fuzzStage, values, DOC_POLICY);
        expect(lenient.checks.filter((c) => c.outcome === "failed")).toEqual([]);
        expect(lenient.outcome).toBe("passed");
        expect(deviationIds(lenient)).toContain(variant.assumption);
        const strict = await runAgainst(variant, fuzzStage, { ...values, "fail-fast": true }, SPEC);
        expect(strict.outcome).toBe("failed");
        expect(failedRuleIds(strict)).toContain(variant.assumption);
      },
      60_000,
    );
  });
});
