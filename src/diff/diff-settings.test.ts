/** The settings parser of `bleepay-qa diff`: defaults, pact sources, and options that clash. */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../test-support/run-cli.js";
import { OptionError, type RawValues, readOptions } from "../options/index.js";
import { DIFF_OPTIONS, ownSpecPath, parseDiffSettings as parseTyped } from "./diff-settings.js";

/** The settings from raw option values, as the CLI reads them. */
const parseDiffSettings = (values: RawValues) => parseTyped(readOptions(DIFF_OPTIONS, values));

const refusal = (values: RawValues): string => {
  try {
    parseDiffSettings(values);
  } catch (error) {
    if (error instanceof OptionError) return error.message;
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
      pacts: [{ kind: "fresh" }],
    });
  });

  it("should read a pact folder, a broker with its selectors, both, or no pact", () => {
    const dir = { kind: "dir", path: join(process.cwd(), "build/pacts") };
    const broker = {
      kind: "broker",
      url: "https://broker.example",
      token: "t",
      consumerVersionSelectors: [{ branch: "main" }],
    };
    const brokerValues = {
      "broker-url": "https://broker.example/",
      "broker-token": "t",
      "consumer-version-selector": ['{"branch":"main"}'],
    };
    expect(parseDiffSettings({ head: "h", "pact-dir": "build/pacts" }).pacts).toEqual([dir]);
    expect(parseDiffSettings({ head: "h", ...brokerValues }).pacts).toEqual([broker]);
    expect(parseDiffSettings({ head: "h", "pact-dir": "build/pacts", ...brokerValues }).pacts).toEqual([
      dir,
      broker,
    ]);
    expect(parseDiffSettings({ head: "h", "no-pacts": true, "pact-dir": "p" }).pacts).toEqual([]);
  });

  it("should refuse a missing --head, and selectors without a broker or not JSON", () => {
    expect(refusal({})).toMatch(/--head expects the new spec file/);
    expect(refusal({ head: "h", "consumer-version-selector": ['{"branch":"main"}'] })).toMatch(
      /needs a Pact Broker/,
    );
    expect(refusal({ head: "h", "broker-url": "https://b", "consumer-version-selector": ["main"] })).toMatch(
      /expects a JSON object/,
    );
  });
});
