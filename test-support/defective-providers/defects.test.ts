import { describe, expect, it } from "vitest";
import { smokeStage } from "../../src/stages/smoke/smoke-stage.js";
import { type StageResult, stageSettings } from "../../src/stages/stage.js";
import { stageContext } from "../stage-context.js";
import { DEFECTS, type DefectiveProvider, startConformingVariant } from "./index.js";

async function smoke(provider: DefectiveProvider): Promise<StageResult> {
  const target = {
    baseUrl: provider.url,
    token: provider.token,
    stateSetupUrl: provider.stateSetupUrl,
    embedded: false,
  };
  return smokeStage.run(stageSettings(smokeStage), stageContext(target, "/nonexistent"));
}

describe("the defective-provider set", () => {
  it("has at least 12 distinct defects, each described", () => {
    expect(new Set(DEFECTS.map((d) => d.id)).size).toBe(DEFECTS.length);
    expect(DEFECTS.length).toBeGreaterThanOrEqual(12);
    for (const d of DEFECTS) expect(d.description.length).toBeGreaterThan(10);
  });

  it("has a conforming variant that passes the smoke stage", async () => {
    const provider = await startConformingVariant();
    try {
      const result = await smoke(provider);
      expect(result.checks.filter((c) => c.outcome === "failed")).toEqual([]);
      expect(result.outcome).toBe("passed");
    } finally {
      await provider.close();
    }
  });
});
