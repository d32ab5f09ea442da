/**
 * The verify stage's option checks, without spawning: each bad combination is a usage error (exit
 * 2) naming the option, raised before any verifier starts.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { OptionError, type RawValues } from "../src/options/index.js";
import { StageInputError, type StageResult, stageSettings } from "../src/stages/stage.js";
import { stageContext } from "../test-support/stage-context.js";
import { verifyStage } from "./verify-stage.js";

const reportsDir = mkdtempSync(join(tmpdir(), "bleepay-verify-stage-"));
afterAll(() => rmSync(reportsDir, { recursive: true, force: true }));

/** Reads the options and runs the stage against a target that must never be contacted. */
async function runVerify(values: RawValues, skipped?: readonly string[]): Promise<StageResult> {
  const target = {
    baseUrl: "http://127.0.0.1:1",
    token: "t0k3n-unused",
    stateSetupUrl: undefined,
    embedded: false,
  };
  return verifyStage.run(
    stageSettings(verifyStage, values),
    stageContext(target, reportsDir, skipped ? { skipped } : {}),
  );
}

/** The message of the usage error (exit 2) the stage raises: a bad option or input it cannot use. */
async function usageErrorOf(values: RawValues, skipped?: readonly string[]): Promise<string> {
  try {
    await runVerify(values, skipped);
  } catch (error) {
    expect(
      [OptionError, StageInputError].some((kind) => error instanceof kind),
      String(error),
    ).toBe(true);
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
