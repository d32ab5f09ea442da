import { describe, expect, it } from "vitest";
import { OptionError } from "./option-error.js";
import { type OptionSet, option } from "./option-spec.js";
import { parseDuration } from "./parse-duration.js";
import { commonDurationBounds, readOptions, resolveRawValues } from "./resolve-options.js";

function failure(fn: () => unknown): OptionError {
  try {
    fn();
  } catch (error) {
    if (error instanceof OptionError) return error;
    throw error;
  }
  throw new Error("did not fail");
}

const OPTIONS = {
  connections: option.int({ default: 7, min: 1, max: 1_000_000, description: "Connections" }),
  "code-ttl": option.duration({ default: "10s", minMs: 1, maxMs: 60_000, description: "TTL" }),
  timeout: option.duration({ minMs: 1_000, maxMs: 60_000, description: "Timeout" }),
  "base-url": option.url({ description: "URL" }),
  tag: option.list({ description: "Tags" }),
  quiet: option.flag({ env: "PROBE_QUIET", description: "Say less" }),
  sample: option.percent({ default: "1%", description: "Share" }),
  engine: option.choice({ choices: ["k6", "artillery"] as const, description: "Engine" }),
  name: option.string({ env: "PROBE_NAME", description: "Name" }),
} satisfies OptionSet;

const read = (raw: Record<string, string | boolean | string[]>) => readOptions(OPTIONS, raw);

describe("options", () => {
  it("read typed values by camel-cased name, each option's default when absent", () => {
    const settings = read({ connections: "42", "code-ttl": "500ms", tag: ["a", "b"], quiet: true });
    expect(settings).toEqual({
      connections: 42,
      codeTtl: 500,
      timeout: undefined,
      baseUrl: undefined,
      tag: ["a", "b"],
      quiet: true,
      sample: 0.01,
      engine: undefined,
      name: undefined,
    });
    expect(read({}).connections).toBe(7);
    expect(read({}).codeTtl).toBe(10_000);
  });

  it("reads whole numbers with _ separators", () => {
    expect(read({ connections: "1_000" }).connections).toBe(1000);
  });

  it.each(["0", "1000001", "-3", "1.5", "1e3", "ten", "", "0x10", "12abc"])(
    "refuses the number %j, naming the option and its bounds",
    (raw) => {
      const error = failure(() => read({ connections: raw }));
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
    expect(failure(() => read({ "code-ttl": raw })).message).toContain("--code-ttl");
  });

  it("refuses a duration out of bounds, naming them", () => {
    expect(failure(() => read({ timeout: "2m" })).message).toBe(
      '--timeout expects a duration from 1s to 60s (e.g. 5s, 500ms, 2m), got "2m"',
    );
  });

  it("normalises URLs and refuses other schemes, non-URLs and embedded credentials", () => {
    expect(read({ "base-url": "http://127.0.0.1:8080/" }).baseUrl).toBe("http://127.0.0.1:8080");
    for (const raw of ["ftp://127.0.0.1", "127.0.0.1:8080", "not a url", "file:///etc/passwd"]) {
      expect(failure(() => read({ "base-url": raw })).message).toContain("--base-url");
    }
    const credentials = failure(() => read({ "base-url": "http://user:secret@127.0.0.1" }));
    expect(credentials.message).not.toContain("secret");
  });

  it("reads the last of repeated string values, and a list from one value", () => {
    expect(read({ name: ["a", "b"] }).name).toBe("b");
    expect(read({ tag: "a" }).tag).toEqual(["a"]);
    expect(read({}).tag).toEqual([]);
  });

  it("refuses a share outside 0…100 % and a choice not offered, naming what is expected", () => {
    expect(failure(() => read({ sample: "120%" })).message).toContain("--sample expects a share");
    expect(read({ sample: "0.5" }).sample).toBe(0.5);
    expect(failure(() => read({ engine: "jmeter" })).message).toBe(
      '--engine expects k6 or artillery, got "jmeter"',
    );
  });

  it("fails at definition when a default breaks its own bounds", () => {
    expect(() => option.duration({ default: "5m", minMs: 1, maxMs: 1_000, description: "x" })).toThrow(
      OptionError,
    );
  });
});

describe("resolveRawValues", () => {
  it("takes the flag, then the config file, then the environment, then the given defaults", () => {
    const sources = {
      flags: { name: "flag" },
      config: { name: "config", connections: "3" },
      env: { PROBE_NAME: "env", PROBE_QUIET: "1" },
      defaults: { connections: "9", "code-ttl": "1s" },
    };
    expect(resolveRawValues(OPTIONS, sources)).toEqual({
      name: "flag",
      connections: "3",
      quiet: true,
      "code-ttl": "1s",
    });
    expect(resolveRawValues(OPTIONS, { ...sources, flags: {} }).name).toBe("config");
    expect(resolveRawValues(OPTIONS, { ...sources, flags: {}, config: {} }).name).toBe("env");
  });

  it.each(["0", "false", "no", "FALSE"])("reads the boolean variable %j as false", (value) => {
    expect(resolveRawValues(OPTIONS, { env: { PROBE_QUIET: value } }).quiet).toBe(false);
  });

  it("ignores empty variables", () => {
    expect(resolveRawValues(OPTIONS, { env: { PROBE_NAME: "" } }).name).toBeUndefined();
  });
});

describe("commonDurationBounds", () => {
  it("gives the bounds every option accepts", () => {
    expect(commonDurationBounds([OPTIONS["code-ttl"], OPTIONS.timeout, OPTIONS.connections])).toEqual({
      minMs: 1_000,
      maxMs: 60_000,
    });
  });
});
