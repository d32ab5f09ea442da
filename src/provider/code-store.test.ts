import { describe, expect, it } from "vitest";
import { isWellFormedCode } from "../rules/index.js";
import { CodeStore } from "./code-store.js";
import { RandomSource } from "./random-source.js";

function storeWithClock(options: { ttlMs: number; maxCodes: number }): {
  store: CodeStore;
  advance(ms: number): void;
} {
  let now = 5_000_000;
  const store = new CodeStore({ ...options, now: () => now }, new RandomSource());
  return {
    store,
    advance(ms) {
      now += ms;
    },
  };
}

describe("CodeStore", () => {
  it("mints well-formed, distinct codes", () => {
    const { store } = storeWithClock({ ttlMs: 1_000, maxCodes: 10_000 });
    const codes = Array.from({ length: 5_000 }, () => store.share());
    expect(codes.every(isWellFormedCode)).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("keeps a code usable until its TTL has passed, and not a millisecond longer", () => {
    const { store, advance } = storeWithClock({ ttlMs: 60_000, maxCodes: 100 });
    const code = store.share();
    advance(59_999);
    expect(store.isUsable(code)).toBe(true);
    advance(1);
    expect(store.isUsable(code)).toBe(false);
  });

  it("knows nothing of codes it never minted", () => {
    const { store } = storeWithClock({ ttlMs: 60_000, maxCodes: 100 });
    const code = store.share();
    const other = code === "AAAAAA" ? "BBBBBB" : "AAAAAA";
    expect(store.isUsable(other)).toBe(false);
  });

  it("mints expired codes that are never usable", () => {
    const { store } = storeWithClock({ ttlMs: 60_000, maxCodes: 100 });
    const code = store.shareExpired();
    expect(isWellFormedCode(code)).toBe(true);
    expect(store.isUsable(code)).toBe(false);
  });

  it("never holds more than maxCodes under a flood, evicting the oldest first", () => {
    const { store } = storeWithClock({ ttlMs: 3_600_000, maxCodes: 1_000 });
    const codes: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      codes.push(store.share());
      if (store.size > 1_000) throw new Error(`the store grew to ${store.size} codes`);
    }
    expect(store.size).toBe(1_000);
    expect(codes.slice(-1_000).every((c) => store.isUsable(c))).toBe(true);
    expect(codes.slice(0, -1_000).some((c) => store.isUsable(c))).toBe(false);
  });

  it("drops expired codes as new ones arrive, so size follows the live set", () => {
    const { store, advance } = storeWithClock({ ttlMs: 1_000, maxCodes: 1_000_000 });
    for (let i = 0; i < 500; i++) store.share();
    advance(1_000);
    store.share();
    expect(store.size).toBe(1);
  });
});
