import { describe, expect, it } from "vitest";
import { MAX_BULK_CODES, PROVIDER_STATES } from "../rules/provider-states.js";
import { CodeStore } from "./code-store.js";
import { applyStateChange } from "./provider-states.js";
import { RandomSource } from "./random-source.js";

const newStore = (): CodeStore => new CodeStore({ ttlMs: 60_000, maxCodes: 100_000 }, new RandomSource());

describe("applyStateChange", () => {
  it("defaults the action to setup, as Pact's verifier may omit it", () => {
    const store = newStore();
    const result = applyStateChange(store, { state: PROVIDER_STATES.codeShared });
    expect(result.status).toBe(200);
    expect(store.isUsable(result.body.code as string)).toBe(true);
  });

  it("accepts the largest bulk count and no larger", () => {
    const store = newStore();
    expect(
      applyStateChange(store, { state: PROVIDER_STATES.codeShared, params: { count: 1 } }).body.codes,
    ).toHaveLength(1);
    const over = applyStateChange(store, {
      state: PROVIDER_STATES.codeShared,
      params: { count: MAX_BULK_CODES + 1 },
    });
    expect(over.status).toBe(400);
    expect(store.size).toBe(1);
  });

  it("mints an expired code for the expiry state", () => {
    const store = newStore();
    const result = applyStateChange(store, { state: PROVIDER_STATES.codeExpired, action: "setup" });
    expect(result.status).toBe(200);
    expect(store.isUsable(result.body.code as string)).toBe(false);
  });

  it("answers a teardown of a known state with {} and changes nothing", () => {
    const store = newStore();
    expect(applyStateChange(store, { state: PROVIDER_STATES.codeExpired, action: "teardown" })).toEqual({
      status: 200,
      body: {},
    });
    expect(store.size).toBe(0);
  });

  it.each([
    ["null", null],
    ["a string", "a context code has been shared by the payer"],
    ["an empty state", { state: "" }],
    ["a numeric state", { state: 1 }],
    ["an unknown action", { state: PROVIDER_STATES.codeShared, action: "reset" }],
    ["a teardown of an unknown state", { state: "nope", action: "teardown" }],
    [
      "params that are not an object with a count",
      { state: PROVIDER_STATES.codeShared, params: { count: "5" } },
    ],
  ])("refuses %s with a 400 and a message", (_name, request) => {
    const result = applyStateChange(newStore(), request);
    expect(result.status).toBe(400);
    expect(typeof result.body.message).toBe("string");
  });

  it("names an unknown state in its message", () => {
    const result = applyStateChange(newStore(), { state: "a payer exists", action: "setup" });
    expect(result.body.message).toContain('"a payer exists"');
  });
});
