/**
 * Proof that the fuzz stage catches defects: with default settings (a fixed seed, so the test is
 * deterministic; --fail-fast only skips the properties after the first failure, it changes no
 * input) it fails against every broken provider whose defect concerns validation,
 * authentication, crashes or the answer's shape, and passes against a provider that follows the
 * doc while differing from the examples everywhere the doc allows.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
      stageContext(target, reportsDir),
    );
  } finally {
    await provider.close();
  }
}

describe("bleepay-qa fuzz against the defective providers", () => {
  it.each(DEFECTS.filter((d) => KINDS.has(d.kind)).map((d) => [d.id, d] as const))(
    "should catch %s",
    async (_id, defect) => {
      const result = await fuzz(await defect.start(), { "fail-fast": true });
      expect(result.outcome, defect.description).toBe("failed");
    },
    60_000,
  );

  it("should pass a provider that follows the doc but not the examples", async () => {
    const result = await fuzz(await startConformingVariant(), {});
    expect(result.checks.filter((c) => c.outcome !== "passed")).toStrictEqual([]);
    expect(result.outcome).toBe("passed");
  }, 120_000);
});
