import { describe, expect, it } from "vitest";
import { isWellFormedCode, SESSION_TYPE } from "../../src/rules/index.js";
import { createScenario, malformedFrom, parseWeights, WRONG_TOKEN } from "./scenario.js";

/** A seeded generator (mulberry32) so the mix is reproducible. */
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

describe("parseWeights", () => {
  it("should read KIND=WEIGHT pairs and leave absent kinds at 0", () => {
    expect(parseWeights("valid=80, bad-token=20")).toEqual({ valid: 80, malformed: 0, "bad-token": 20 });
  });
  it("should reject unknown kinds, bad numbers and all-zero weights with a message", () => {
    expect(parseWeights("valid=90,typo=10")).toMatch(/KIND=WEIGHT/);
    expect(parseWeights("valid=ninety")).toMatch(/KIND=WEIGHT/);
    expect(parseWeights("valid=0")).toMatch(/at least one/);
  });
});

describe("createScenario", () => {
  const codes = ["A1B2C3", "D4E5F6", "G7H8J9"];

  it("should send every pool code in turn with the token, in open-session", () => {
    const s = createScenario({ name: "open-session", codes, token: "tok" });
    const sent = Array.from({ length: 4 }, () => s.next());
    expect(sent.map((r) => JSON.parse(r.body).code)).toEqual(["A1B2C3", "D4E5F6", "G7H8J9", "A1B2C3"]);
    expect(sent.every((r) => r.kind === "valid" && r.headers.authorization === "Bearer tok")).toBe(true);
    expect(JSON.parse(sent[0]?.body ?? "{}").type).toBe(SESSION_TYPE);
  });

  it("should mix kinds by weight in mixed, with malformed codes and a wrong token", () => {
    const s = createScenario({ name: "mixed", codes, token: "tok", random: seeded(7) });
    const counts = { valid: 0, malformed: 0, "bad-token": 0 };
    for (let i = 0; i < 10_000; i++) {
      const r = s.next();
      counts[r.kind]++;
      if (r.kind === "malformed") expect(isWellFormedCode(JSON.parse(r.body).code)).toBe(false);
      if (r.kind === "bad-token") expect(r.headers.authorization).toBe(`Bearer ${WRONG_TOKEN}`);
      if (r.kind === "valid") expect(isWellFormedCode(JSON.parse(r.body).code)).toBe(true);
    }
    expect(counts.valid).toBeGreaterThan(8_800);
    expect(counts.valid).toBeLessThan(9_200);
    expect(counts.malformed).toBeGreaterThan(400);
    expect(counts["bad-token"]).toBeGreaterThan(400);
  });

  it("should build a cycle whose kinds match the weights exactly", () => {
    const s = createScenario({ name: "mixed", codes, token: "tok", random: seeded(3) });
    const kinds = s.cycle(100).map((r) => r.kind);
    expect(kinds.filter((k) => k === "valid")).toHaveLength(90);
    expect(kinds.filter((k) => k === "malformed")).toHaveLength(5);
    expect(kinds.filter((k) => k === "bad-token")).toHaveLength(5);
    const odd = createScenario({
      name: "mixed",
      weights: { valid: 1, malformed: 1, "bad-token": 1 },
      codes,
      token: "t",
    });
    expect(odd.cycle(100)).toHaveLength(100);
  });

  it("should refuse an empty pool", () => {
    expect(() => createScenario({ name: "open-session", codes: [], token: "t" })).toThrow(/empty/);
  });
});

describe("malformedFrom", () => {
  it("should turn a valid code into one the spec's rule rejects", () => {
    expect(isWellFormedCode(malformedFrom("A1B2C3"))).toBe(false);
  });
});
