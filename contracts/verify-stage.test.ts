/**
 * The verify stage's option checks, without spawning: each bad combination is a usage error (exit
 * 2) naming the option, raised before any verifier starts.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CliError } from "../src/cli/cli-error.js";
import { EXIT } from "../src/cli/exit-codes.js";
import type { OptionValues } from "../src/cli/options.js";
import { createOutput } from "../src/cli/output.js";
import type { StageResult } from "../src/stages/stage.js";
import { verifyStage } from "./verify-stage.js";

const reportsDir = mkdtempSync(join(tmpdir(), "bleepay-verify-stage-"));
afterAll(() => rmSync(reportsDir, { recursive: true, force: true }));

const sink = { write: () => true };

/** Runs the stage against a target that must never be contacted. */
function runVerify(values: OptionValues, skipped?: readonly string[]): Promise<StageResult> {
  return verifyStage.run({
    target: {
      baseUrl: "http://127.0.0.1:1",
      token: "t0k3n-unused",
      stateSetupUrl: undefined,
      embedded: false,
    },
    values,
    reportsDir,
    out: createOutput(sink, sink),
    signal: new AbortController().signal,
    ...(skipped ? { skipped } : {}),
  });
}

async function usageErrorOf(values: OptionValues, skipped?: readonly string[]): Promise<string> {
  try {
    await runVerify(values, skipped);
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(EXIT.usage);
    return (error as Error).message;
  }
  throw new Error("the stage ran instead of refusing its options");
}

describe("verify stage options", () => {
  it("should refuse a consumer version selector that is not a JSON object", async () => {
    expect(
      await usageErrorOf({ "broker-url": "http://127.0.0.1:9292", "consumer-version-selector": ["main"] }),
    ).toContain("--consumer-version-selector expects a JSON object");
  });

  it("should refuse broker-only options without --broker-url", async () => {
    expect(await usageErrorOf({ "enable-pending": true })).toBe(
      "--enable-pending needs a Pact Broker: give --broker-url",
    );
  });

  it("should refuse WIP pacts without pending, and a WIP date that is not YYYY-MM-DD", async () => {
    const broker = { "broker-url": "http://127.0.0.1:9292" };
    expect(await usageErrorOf({ ...broker, "include-wip-pacts-since": "2026-01-01" })).toContain(
      "needs --enable-pending",
    );
    expect(
      await usageErrorOf({ ...broker, "enable-pending": true, "include-wip-pacts-since": "last week" }),
    ).toContain("--include-wip-pacts-since expects a date YYYY-MM-DD");
  });

  it("should refuse to publish without a provider version", async () => {
    expect(
      await usageErrorOf({ "broker-url": "http://127.0.0.1:9292", "publish-verification-results": true }),
    ).toBe("--publish-verification-results needs --provider-version");
  });

  it("should refuse a pact folder with no pact for the provider", async () => {
    expect(await usageErrorOf({ "pact-dir": reportsDir })).toContain("no pact for bleepay-vouchers-api in");
  });

  it("should refuse no pact inside `all` too when contracts was not skipped", async () => {
    expect(await usageErrorOf({}, ["fuzz", "load"])).toContain("no pact for bleepay-vouchers-api in");
  });

  it("should refuse no pact with a broker to read, even when contracts was skipped", async () => {
    expect(
      await usageErrorOf({ "broker-url": "http://127.0.0.1:9292", "pact-dir": reportsDir }, ["contracts"]),
    ).toContain("no pact for bleepay-vouchers-api in");
  });
});

describe("verify inside `all --skip contracts`", () => {
  it("should report itself not run, saying why, when no pact is there to verify", async () => {
    const result = await runVerify({}, ["contracts"]);
    expect(result.stage).toBe("verify");
    expect(result.outcome).toBe("not-run");
    expect(result.summary).toMatch(/nothing to verify.*contracts was skipped/);
    expect(result.checks).toHaveLength(1);
    expect(result.checks[0]).toMatchObject({ outcome: "not-run" });
    expect(result.checks[0]?.detail).toContain(join(reportsDir, "pacts"));
    expect(result.checks[0]?.detail).toContain("contracts");
  });
});
