import fc from "fast-check";
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
    // An evicted code may be minted afresh among the newest (about 1 run in 115): that is a new share.
    const newest = new Set(codes.slice(-1_000));
    const evicted = codes.slice(0, -1_000).filter((c) => !newest.has(c));
    expect(evicted.some((c) => store.isUsable(c))).toBe(false);
  });

  it("drops expired codes as new ones arrive, so size follows the live set", () => {
    const { store, advance } = storeWithClock({ ttlMs: 1_000, maxCodes: 1_000_000 });
    for (let i = 0; i < 500; i++) store.share();
    advance(1_000);
    store.share();
    expect(store.size).toBe(1);
  });

  it("answers only the exact code: other cases, widths and lengths of a held code are not usable", () => {
    const { store } = storeWithClock({ ttlMs: 60_000, maxCodes: 100 });
    const code = store.share();
    const fullWidth = [...code].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join("");
    for (const near of [code.toLowerCase(), fullWidth, code.slice(1), `${code}A`, ` ${code.slice(1)}`, ""]) {
      if (near !== code) expect(store.isUsable(near)).toBe(false);
    }
    expect(store.isUsable(code)).toBe(true);
  });

  it("stops allocating once it holds maxCodes: its memory is flat under a flood past the cap", () => {
    const { store } = storeWithClock({ ttlMs: 3_600_000, maxCodes: 10_000 });
    for (let i = 0; i < 10_000; i++) store.share();
    const full = store.bytes;
    const recent: string[] = [];
    for (let i = 0; i < 300_000; i++) {
      const code = store.share();
      if (i >= 290_000) recent.push(code);
      if (i % 10_000 === 0) expect(store.bytes).toBe(full);
    }
    expect(store.bytes).toBe(full);
    expect(store.size).toBe(10_000);
    // Eviction by backward shift kept every probe run whole: all of the newest codes are found.
    expect(recent.every((c) => store.isUsable(c))).toBe(true);
    // 12 bytes a slot, 2 to 4 slots a code (a power of two at most half full), plus 4 in the ring:
    // at most 52 bytes a code, against about 110 in a Map<string, number>.
    expect(full / 10_000).toBeLessThanOrEqual(52);
  });

  it("behaves as an insertion-ordered map with a TTL and a cap, for any sequence of operations", () => {
    type Op = { kind: "share" } | { kind: "shareExpired" } | { kind: "advance"; ms: number };
    const op: fc.Arbitrary<Op> = fc.oneof(
      { weight: 6, arbitrary: fc.constant({ kind: "share" } as const) },
      { weight: 1, arbitrary: fc.constant({ kind: "shareExpired" } as const) },
      {
        weight: 2,
        arbitrary: fc.integer({ min: 0, max: 400 }).map((ms) => ({ kind: "advance", ms }) as const),
      },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.array(op, { maxLength: 600 }), (maxCodes, ops) => {
        const { store, advance } = storeWithClock({ ttlMs: 1_000, maxCodes });
        let now = 5_000_000;
        // The model: codes in insertion order with their expiry, swept from the front like the store.
        const model: { code: string; expiresAt: number }[] = [];
        const minted: string[] = [];
        for (const step of ops) {
          if (step.kind === "advance") {
            advance(step.ms);
            now += step.ms;
            continue;
          }
          while (model.length > 0 && ((model[0]?.expiresAt ?? 0) <= now || model.length >= maxCodes))
            model.shift();
          const code = step.kind === "share" ? store.share() : store.shareExpired();
          // A fresh code is never one the store still holds.
          expect(model.some((m) => m.code === code)).toBe(false);
          model.push({ code, expiresAt: step.kind === "share" ? now + 1_000 : now - 1 });
          minted.push(code);
          expect(store.size).toBe(model.length);
        }
        for (const code of minted) {
          const held = model.find((m) => m.code === code);
          expect(store.isUsable(code)).toBe(held !== undefined && held.expiresAt > now);
        }
      }),
      { numRuns: 200 },
    );
  });
});
