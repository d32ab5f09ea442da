/**
 * The k6 and Artillery exports' structure. The Artillery engine itself is not run here: artillery
 * 2.0.34 needs Node >= 22.18, and the 2.0.x releases that accept Node 20 pull
 * @playwright/browser-chromium, whose install script downloads a browser from outside npm.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { isWellFormedCode, OPEN_SESSION_PATH } from "../../src/rules/index.js";
import { DEFAULT_MIXED_WEIGHTS } from "../engine/scenario.js";
import { parseSlo, type Slo } from "../report/slo.js";
import { toArtilleryScript } from "./export-artillery.js";
import { toK6Script } from "./export-k6.js";
import type { ExportScenario } from "./export-scenario.js";

const slos = ["p99<50ms", "error_rate<0.1%", "rps>=900"].map((e) => parseSlo(e) as Slo);
const scenario: ExportScenario = {
  scenario: "mixed",
  weights: DEFAULT_MIXED_WEIGHTS,
  rate: 1000,
  durationS: 60,
  maxConnections: 200,
  timeoutMs: 10_000,
  slos,
  codesFile: "load-codes.csv",
};

describe("k6 export", () => {
  const script = toK6Script(scenario);

  it("should be valid JavaScript (ES module syntax)", () => {
    const dir = mkdtempSync(join(tmpdir(), "bleepay-k6-"));
    const file = join(dir, "load-k6.mjs");
    writeFileSync(file, script);
    const check = spawnSync(process.execPath, ["--check", file], { encoding: "utf8" });
    expect(check.stderr).toBe("");
    expect(check.status).toBe(0);
  });

  it("should use a constant-arrival-rate executor at the scenario's rate", () => {
    expect(script).toMatch(/executor: "constant-arrival-rate"/);
    expect(script).toMatch(/rate: 1000,/);
    expect(script).toMatch(/duration: "60s"/);
    expect(script).toMatch(/maxVUs: 200/);
  });

  it("should turn the gates into k6 thresholds", () => {
    expect(script).toContain('"http_req_duration": [\n      "p(99)<50"');
    expect(script).toContain('"unexpected_answers": [\n      "rate<0.001"');
    expect(script).toContain('"http_reqs": [\n      "rate>=900"');
  });

  it("should carry the weights, expected statuses and path, and read the token from the environment", () => {
    expect(script).toContain('{"kind":"valid","weight":90,"status":200}');
    expect(script).toContain('{"kind":"bad-token","weight":5,"status":401}');
    expect(script).toContain(JSON.stringify(OPEN_SESSION_PATH));
    expect(script).toContain("__ENV.BLEEPAY_TOKEN");
  });
});

describe("Artillery export", () => {
  const doc = parse(toArtilleryScript(scenario)) as {
    config: {
      target: string;
      phases: Array<{ duration: number; arrivalRate: number }>;
      payload: { path: string; fields: string[]; loadAll?: boolean; cast?: boolean };
      plugins: Record<string, unknown>;
      ensure: { conditions: Array<{ expression: string }> };
    };
    scenarios: Array<{
      name: string;
      weight: number;
      flow: Array<{
        post: {
          url: string;
          headers: Record<string, string>;
          json: { code: string };
          expect: Array<{ statusCode: number }>;
        };
      }>;
    }>;
  };

  it("should be an open-model phase at the scenario's rate against the environment's target", () => {
    expect(doc.config.phases).toEqual([{ name: "open model", duration: 60, arrivalRate: 1000 }]);
    expect(doc.config.target).toContain("$processEnvironment.BLEEPAY_BASE_URL");
    expect(doc.config.payload).toMatchObject({ path: "load-codes.csv", fields: ["code"] });
  });

  it("should give each virtual user one code as a string (no loadAll, no casting of 7380E7)", () => {
    expect(doc.config.payload.loadAll).toBeUndefined();
    expect(doc.config.payload.cast).toBe(false);
  });

  it("should turn the gates into ensure conditions", () => {
    expect(doc.config.plugins).toHaveProperty("ensure");
    expect(doc.config.ensure.conditions.map((c) => c.expression)).toEqual([
      "http.response_time.p99 < 50",
      "(vusers.failed / vusers.created) < 0.001",
      "http.request_rate >= 900",
    ]);
  });

  it("should have one weighted scenario per kind, each expecting its status", () => {
    expect(doc.scenarios.map((s) => [s.name, s.weight, s.flow[0]?.post.expect[0]?.statusCode])).toEqual([
      ["valid", 90, 200],
      ["malformed", 5, 400],
      ["bad-token", 5, 401],
    ]);
    expect(doc.scenarios.every((s) => s.flow[0]?.post.url === OPEN_SESSION_PATH)).toBe(true);
    const malformed = doc.scenarios[1]?.flow[0]?.post.json.code ?? "";
    expect(isWellFormedCode(malformed.replace("{{ code }}", "A1B2C3"))).toBe(false);
  });
});
