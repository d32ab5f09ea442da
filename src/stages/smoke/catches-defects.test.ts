/**
 * Proof that the smoke stage catches defects, under both verdict policies: under `--rules spec` it
 * fails against every deliberately broken provider; under `--rules doc` it fails against each whose
 * defect breaks a rule the API doc states, naming a doc rule, and passes the others, listing the
 * assumption they break as a deviation. A provider that follows the doc but not the examples
 * passes under both.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFECTS,
  type DefectiveProvider,
  startConformingVariant,
} from "../../../test-support/defective-providers/index.js";
import { stageContext } from "../../../test-support/stage-context.js";
import { DOC_POLICY, ruleOf, type VerdictPolicy } from "../../rules/index.js";
import { type StageResult, stageSettings } from "../stage.js";
import { smokeStage } from "./smoke-stage.js";

const SPEC: VerdictPolicy = { policy: "spec", overrides: {} };

let reportsDir: string;
beforeAll(async () => {
  reportsDir = await mkdtemp(join(tmpdir(), "bleepay-smoke-defects-"));
});
afterAll(() => rm(reportsDir, { recursive: true, force: true }));

async function smoke(start: () => Promise<DefectiveProvider>, policy: VerdictPolicy): Promise<StageResult> {
  const provider = await start();
  try {
    const target = {
      baseUrl: provider.url,
      token: provider.token,
      stateSetupUrl: provider.stateSetupUrl,
      embedded: false,
    };
    return await smokeStage.run(stageSettings(smokeStage), stageContext(target, reportsDir, { policy }));
  } finally {
    await provider.close();
  }
}

const failedRules = (result: StageResult): string[] =>
  result.checks.filter((c) => c.outcome === "failed").flatMap((c) => (c.rules ?? []).map((r) => r.id));

describe("bleepay-qa smoke against the defective providers", () => {
  it.each(DEFECTS.map((d) => [d.id, d] as const))(
    "should catch %s under --rules spec, naming its rule",
    async (_id, defect) => {
      const result = await smoke(() => defect.start(), SPEC);
      expect(result.outcome, defect.description).toBe("failed");
      expect(failedRules(result)).toContain(defect.rule);
    },
  );

  it.each(DEFECTS.map((d) => [d.id, d] as const))(
    "under --rules doc, should fail %s if it breaks a doc rule, else list its assumption as a deviation",
    async (_id, defect) => {
      const result = await smoke(() => defect.start(), DOC_POLICY);
      if (ruleOf(defect.rule).basis === "doc") {
        expect(result.outcome, defect.description).toBe("failed");
        expect(failedRules(result)).toContain(defect.rule);
        expect(failedRules(result).every((id) => ruleOf(id as never).basis === "doc")).toBe(true);
      } else {
        expect(
          result.checks.filter((c) => c.outcome === "failed"),
          defect.description,
        ).toEqual([]);
        expect(result.checks.flatMap((c) => (c.deviations ?? []).map((d) => d.rule.id))).toContain(
          defect.rule,
        );
      }
    },
  );

  it.each([
    ["doc", DOC_POLICY],
    ["spec", SPEC],
  ] as const)(
    "should pass a provider that follows the doc but not the examples (--rules %s)",
    async (_name, policy) => {
      const result = await smoke(startConformingVariant, policy);
      expect(result.checks.filter((c) => c.outcome !== "passed")).toEqual([]);
      expect(result.checks.flatMap((c) => c.deviations ?? [])).toEqual([]);
    },
  );
});
