/**
 * Proof that `bleepay-qa capacity` finds a known capacity: test servers that serve N requests at a
 * time, each for a fixed time (so N × 1000 / time requests/s at most, and no queue below it), are
 * found within ±10 %, at two capacities. The search reruns a step its generator could not drive, so
 * a busy machine costs time, not a wrong answer; such a search says it stopped (valid: false).
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stageSettings } from "../../src/stages/stage.js";
import { stageContext } from "../../test-support/stage-context.js";
import { type PacedServer, startPacedServer } from "../engine/test-support/paced-server.js";
import { capacityStage } from "./capacity-stage.js";

let reportsDir: string;
beforeAll(async () => {
  reportsDir = await mkdtemp(join(tmpdir(), "bleepay-capacity-"));
  // The test servers read no code: any well-formed one will do.
  await writeFile(join(reportsDir, "codes.txt"), "A1B2C3\n");
});
afterAll(() => rm(reportsDir, { recursive: true, force: true }));

describe.each([
  { slots: 2, serviceMs: 50, capacity: 40 },
  { slots: 4, serviceMs: 20, capacity: 200 },
])(
  "bleepay-qa capacity against a server of $slots slots × $serviceMs ms",
  ({ slots, serviceMs, capacity }) => {
    let server: PacedServer;
    beforeAll(async () => {
      server = await startPacedServer({ delayMs: serviceMs, slots });
    });
    afterAll(() => server.close());

    it(`finds ${capacity} req/s within ±10 %`, async () => {
      const dir = join(reportsDir, String(capacity));
      const result = await capacityStage.run(
        stageSettings(capacityStage, {
          slo: [`p99<${serviceMs * 3}ms`, "error_rate<1%"],
          step: "1s",
          warmup: "500ms",
          "start-rate": String(capacity / 4),
          resolution: "4%",
          budget: "60s",
          timeout: "2s",
          "codes-file": join(reportsDir, "codes.txt"),
        }),
        stageContext({ baseUrl: server.url, token: "t", stateSetupUrl: undefined, embedded: false }, dir),
      );
      const report = JSON.parse(await readFile(join(dir, "capacity.json"), "utf8"));
      expect(report.schema).toBe("bleepay-qa/capacity@1");
      const context = JSON.stringify({ stoppedBecause: report.stoppedBecause, steps: report.steps });
      if (!report.valid) {
        // A machine so busy the generator could not drive a step twice over: the search stops
        // there and says so (outcome not-run), never guessing a capacity from it.
        expect(result.outcome, context).toBe("not-run");
        expect(report.stoppedBecause, context).toMatch(/could not keep the schedule/);
        return;
      }
      expect(report.steps.length, context).toBeGreaterThan(2);
      expect(report.capacityRps, context).toBeGreaterThanOrEqual(capacity * 0.9);
      expect(report.capacityRps, context).toBeLessThanOrEqual(capacity * 1.1);
      expect(result.artifacts?.capacity?.capacityRps).toBe(report.capacityRps);
      const html = await readFile(join(dir, "capacity.html"), "utf8");
      expect(html).toContain(`data-knee="${report.capacityRps}"`);
    }, 90_000);
  },
);
