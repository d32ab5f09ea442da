/**
 * The fuzz stage in process, against the reference provider and one broken provider: not-run
 * without a state endpoint, failures carry everything needed to act, and a reported seed and path
 * replay the same counterexample.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEVELOPMENT_TOKEN } from "../../src/provider/index.js";
import { OPEN_SESSION_PATH } from "../../src/rules/index.js";
import { type StageResult, stageSettings } from "../../src/stages/stage.js";
import { DEFECTS } from "../../test-support/defective-providers/index.js";
import { startProxyProvider } from "../../test-support/defective-providers/start-proxy-provider.js";
import { startFaultServer } from "../../test-support/fault-servers.js";
import { stageContext } from "../../test-support/stage-context.js";
import { startReferenceProvider } from "../../test-support/start-reference-provider.js";
import { fuzzStage } from "./fuzz-stage.js";

let reportsDir: string;
beforeAll(async () => {
  reportsDir = await mkdtemp(join(tmpdir(), "bleepay-fuzz-"));
});
afterAll(async () => {
  await rm(reportsDir, { recursive: true, force: true });
});

async function runStage(
  target: { baseUrl: string; token: string; stateSetupUrl: string | undefined },
  values: Record<string, string | string[] | boolean>,
): Promise<StageResult> {
  return fuzzStage.run(
    stageSettings(fuzzStage, values),
    stageContext({ ...target, embedded: false }, reportsDir),
  );
}

describe("the fuzz stage", () => {
  it("should report the properties that need shared codes as not run without a state endpoint", async () => {
    const provider = await startReferenceProvider({ providerStates: false });
    const { url } = provider;
    try {
      const result = await runStage(
        { baseUrl: url, token: DEVELOPMENT_TOKEN, stateSetupUrl: undefined },
        { runs: "20" },
      );
      const notRun = result.checks.filter((c) => c.outcome === "not-run");
      expect(notRun.map((c) => c.name)).toHaveLength(5);
      for (const check of notRun) expect(check.detail).toContain("--state-setup-url");
      expect(result.checks.filter((c) => c.outcome === "failed")).toStrictEqual([]);
      expect(result.outcome).toBe("passed");
    } finally {
      await provider.close();
    }
  }, 60_000);

  it("should count each property's own requests, which add up to the run's", async () => {
    const provider = await startReferenceProvider();
    const { url } = provider;
    try {
      const result = await runStage(
        { baseUrl: url, token: DEVELOPMENT_TOKEN, stateSetupUrl: `${url}/_pact/provider-states` },
        { runs: "15" },
      );
      expect(result.outcome).toBe("passed");
      const properties = result.checks.filter((c) => c.figures?.runs !== undefined);
      expect(properties.length).toBeGreaterThan(5);
      // One request a case for these: exactly that many, none of the others' counted in.
      for (const name of [
        "every invalid code is answered exactly 400 invalid_code",
        "every expired code is answered 400 invalid_code",
      ]) {
        const check = properties.find((c) => c.name === name);
        expect(check?.figures?.requests, name).toBe(check?.figures?.runs);
      }
      const sum = properties.reduce((total, c) => total + Number(c.figures?.requests), 0);
      expect(sum).toBe(result.figures?.requests);
    } finally {
      await provider.close();
    }
  }, 60_000);

  it("should report a failure with counterexample, replay command, curl and regression test, never the token", async () => {
    const defect = DEFECTS.find((d) => d.id === "any-token-accepted");
    if (!defect) throw new Error("the defect any-token-accepted is missing");
    const provider = await defect.start();
    try {
      const target = { baseUrl: provider.url, token: provider.token, stateSetupUrl: provider.stateSetupUrl };
      const result = await runStage(target, { seed: "7", property: ["bad-token"] });
      expect(result.outcome).toBe("failed");
      const failed = result.checks.find((c) => c.outcome === "failed");
      expect(failed?.detail).toMatch(/counterexample: .+/);
      const replay = /--seed 7 --property bad-token --path (\d+(?::\d+)*)/.exec(failed?.detail ?? "");
      expect(replay).not.toBeNull();
      expect(failed?.reproduce).toMatch(/^curl .*BLEEPAY_TOKEN/);
      const everything = JSON.stringify(result);
      expect(everything).not.toContain(provider.token);
      const file = result.reports?.[0] ?? "";
      expect(file).toMatch(/regressions\/bad-token-7\.test\.ts$/);
      const regression = await readFile(file, "utf8");
      expect(regression).toContain("process.env.BLEEPAY_TOKEN");
      expect(regression).not.toContain(provider.token);

      // The reported seed and path replay the same shrunk counterexample.
      const again = await runStage(target, { seed: "7", property: ["bad-token"], path: replay?.[1] ?? "" });
      const replayed = again.checks.find((c) => c.outcome === "failed");
      const counterexample = (text: string | undefined): string | undefined =>
        /counterexample: (.+?)(?: \(shrunk|\n)/.exec(text ?? "")?.[1];
      expect(counterexample(replayed?.detail)).toBe(counterexample(failed?.detail));
    } finally {
      await provider.close();
    }
  }, 60_000);

  it("should stop soon against a target that stopped answering, saying so, instead of waiting out every input", async () => {
    const hung = await startFaultServer("slow");
    try {
      const started = performance.now();
      const result = await runStage(
        { baseUrl: hung.url, token: DEVELOPMENT_TOKEN, stateSetupUrl: `${hung.url}/_pact/provider-states` },
        { timeout: "300ms", seed: "1" },
      );
      const elapsedMs = performance.now() - started;
      expect(result.outcome).toBe("failed");
      // The timeouts that tripped it, the check that it is the target, and the requests queued
      // behind them: a few timeouts in all, never one per input (12 properties × 300 inputs).
      expect(elapsedMs).toBeLessThan(10 * 300 + 5_000);
      expect(Number(result.figures?.requests)).toBeLessThan(100);
      const text = JSON.stringify(result.checks);
      expect(text).toContain("the target stopped answering");
      expect(result.checks.find((c) => c.name === "no answer is a 5xx or missing")?.outcome).toBe("failed");
    } finally {
      await hung.close();
    }
  }, 60_000);

  it("should still search and shrink inputs that hang a provider which answers the others", async () => {
    // Hangs on any code with a lower-case letter, as a backtracking regex might; answers the rest.
    const provider = await startProxyProvider({
      hang: (exchange) =>
        exchange.path.startsWith(OPEN_SESSION_PATH) && /"code":"[^"]*[a-z]/.test(exchange.body),
    });
    try {
      const result = await runStage(
        { baseUrl: provider.url, token: provider.token, stateSetupUrl: provider.stateSetupUrl },
        { timeout: "300ms", seed: "3", property: ["invalid-code"] },
      );
      const failed = result.checks.find((c) => c.outcome === "failed" && c.name.includes("invalid code"));
      expect(failed?.detail, JSON.stringify(result.checks)).toMatch(/no answer: timeout/);
      expect(failed?.detail).toMatch(/\(shrunk [1-9]\d* times?\)/);
      expect(JSON.stringify(result.checks)).not.toContain("the target stopped answering");
    } finally {
      await provider.close();
    }
  }, 60_000);
});
