import { describe, expect, it } from "vitest";
import { CliError } from "./cli-error.js";
import { durationOption, intOption, listOption, parseDuration, stringOption, urlOption } from "./options.js";

function failure(fn: () => unknown): CliError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error("did not fail");
}

describe("option readers", () => {
  it("reads whole numbers within bounds, with _ separators, and a fallback when absent", () => {
    const bounds = { min: 1, max: 1_000_000, fallback: 7 };
    expect(intOption({ n: "42" }, "n", bounds)).toBe(42);
    expect(intOption({ n: "1_000" }, "n", bounds)).toBe(1000);
    expect(intOption({}, "n", bounds)).toBe(7);
  });

  it.each(["0", "1000001", "-3", "1.5", "1e3", "ten", "", "0x10", "12abc"])(
    "refuses the number %j, naming the option and its bounds",
    (raw) => {
      const error = failure(() =>
        intOption({ connections: raw }, "connections", { min: 1, max: 1_000_000, fallback: 1 }),
      );
      expect(error.exitCode).toBe(2);
      expect(error.message).toContain("--connections");
      expect(error.message).toContain("1 to 1000000");
      expect(error.message).toContain(JSON.stringify(raw));
    },
  );

  it.each([
    ["500ms", 500],
    ["5s", 5_000],
    ["5", 5_000],
    ["1.5s", 1_500],
    ["2m", 120_000],
    ["1h", 3_600_000],
  ])("parses the duration %j as %d ms", (raw, ms) => {
    expect(parseDuration(raw)).toBe(ms);
  });

  it.each(["", "s", "5x", "-5s", "5 s s", "five"])("refuses the duration %j, naming the option", (raw) => {
    const error = failure(() =>
      durationOption({ "code-ttl": raw }, "code-ttl", { minMs: 1, maxMs: 60_000, fallbackMs: 1 }),
    );
    expect(error.message).toContain("--code-ttl");
  });

  it("refuses a duration out of bounds", () => {
    expect(() => durationOption({ d: "2m" }, "d", { minMs: 1_000, maxMs: 60_000, fallbackMs: 1 })).toThrow(
      /--d /,
    );
  });

  it("normalises URLs and refuses other schemes, non-URLs and embedded credentials", () => {
    expect(urlOption({ u: "http://127.0.0.1:8080/" }, "u")).toBe("http://127.0.0.1:8080");
    expect(urlOption({}, "u")).toBeUndefined();
    for (const raw of ["ftp://127.0.0.1", "127.0.0.1:8080", "not a url", "file:///etc/passwd"]) {
      expect(failure(() => urlOption({ "base-url": raw }, "base-url")).message).toContain("--base-url");
    }
    const credentials = failure(() => urlOption({ "base-url": "http://user:secret@127.0.0.1" }, "base-url"));
    expect(credentials.message).not.toContain("secret");
  });

  it("reads the last of repeated string values and every listed value", () => {
    expect(stringOption({ s: ["a", "b"] }, "s")).toBe("b");
    expect(listOption({ s: "a" }, "s")).toEqual(["a"]);
    expect(listOption({}, "s")).toEqual([]);
  });
});
