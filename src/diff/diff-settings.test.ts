/** The settings parser of `bleepay-qa diff`: defaults, pact sources, and options that clash. */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../test-support/run-cli.js";
import { CliError } from "../cli/cli-error.js";
import { ownSpecPath, parseDiffSettings } from "./diff-settings.js";

const refusal = (values: Record<string, string | boolean | string[]>): string => {
  try {
    parseDiffSettings(values);
  } catch (error) {
    if (error instanceof CliError) return error.message;
    throw error;
  }
  throw new Error("expected a usage error");
};

describe("parseDiffSettings", () => {
  it("should take the project's own spec as the base and write the pact afresh by default", () => {
    expect(ownSpecPath()).toBe(join(REPO_ROOT, "openapi", "bleepay-vouchers.yaml"));
    expect(parseDiffSettings({ head: "new.yaml" })).toEqual({
      base: ownSpecPath(),
      head: "new.yaml",
      pacts: { kind: "fresh" },
    });
  });

  it("should read a pact folder, a broker with its selectors, or no pact", () => {
    expect(parseDiffSettings({ head: "h", "pact-dir": "build/pacts" }).pacts).toEqual({
      kind: "dir",
      path: join(process.cwd(), "build/pacts"),
    });
    expect(
      parseDiffSettings({
        head: "h",
        "broker-url": "https://broker.example/",
        "broker-token": "t",
        "consumer-version-selector": ['{"branch":"main"}'],
      }).pacts,
    ).toEqual({
      kind: "broker",
      url: "https://broker.example",
      token: "t",
      consumerVersionSelectors: [{ branch: "main" }],
    });
    expect(parseDiffSettings({ head: "h", "no-pacts": true }).pacts).toEqual({ kind: "none" });
  });

  it("should refuse a missing --head, two pact sources, and selectors without a broker", () => {
    expect(refusal({})).toMatch(/--head expects the new spec file/);
    expect(refusal({ head: "h", "no-pacts": true, "pact-dir": "p" })).toBe(
      "--no-pacts and --pact-dir name different pact sources: give one",
    );
    expect(refusal({ head: "h", "consumer-version-selector": ['{"branch":"main"}'] })).toMatch(
      /needs a Pact Broker/,
    );
    expect(refusal({ head: "h", "broker-url": "https://b", "consumer-version-selector": ["main"] })).toMatch(
      /expects a JSON object/,
    );
  });
});
