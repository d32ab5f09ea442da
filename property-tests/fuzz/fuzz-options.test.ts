import { describe, expect, it } from "vitest";
import { type RawValues, readOptions } from "../../src/options/index.js";
import { DEFAULT_RUNS, FUZZ_OPTIONS, fuzzSettings } from "./fuzz-options.js";

const IDS = ["invalid-code", "near-miss"];
const readFuzzSettings = (raw: RawValues, ids: readonly string[]) =>
  fuzzSettings(readOptions(FUZZ_OPTIONS, raw), ids);

describe("the fuzz settings", () => {
  it("should give the documented defaults and a random seed", () => {
    const settings = readFuzzSettings({}, IDS);
    expect(settings).toMatchObject({
      runs: DEFAULT_RUNS,
      concurrency: 16,
      timeoutMs: 10_000,
      seedGiven: false,
    });
    expect(Number.isSafeInteger(settings.seed)).toBe(true);
  });

  it("should accept a negative seed, as fast-check prints them", () => {
    expect(readFuzzSettings({ seed: "-1540356680" }, IDS).seed).toBe(-1540356680);
  });

  it.each([
    [{ seed: "abc" }, "--seed expects a whole number"],
    [{ seed: "4294967296" }, "--seed expects a whole number"],
    [{ runs: "0" }, "--runs expects a whole number from 1"],
    [{ concurrency: "many" }, "--concurrency expects a whole number"],
    [{ timeout: "soon" }, "--timeout expects a duration"],
    [{ property: ["nope"] }, "--property expects one of invalid-code, near-miss, got nope"],
    [{ seed: "1", property: ["near-miss"], path: "1:x" }, "--path expects a fast-check path"],
    [{ property: ["near-miss"], path: "1:2" }, "give --seed too"],
    [{ seed: "1", path: "1:2" }, "give exactly one --property too"],
  ])("should refuse %j with one line naming the option", (values, message) => {
    expect(() => readFuzzSettings(values, IDS)).toThrow(message);
  });
});
