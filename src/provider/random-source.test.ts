import { describe, expect, it } from "vitest";
import { RandomSource } from "./random-source.js";

describe("RandomSource", () => {
  // Its memory (the pool is refilled in place, never reallocated) is measured by bench:soak.
  it("draws every character of the alphabet, and nothing else, across many refills of its pool", () => {
    const random = new RandomSource();
    const alphabet = "ABC123";
    const text = random.string(alphabet, 200_000);
    expect(text).toHaveLength(200_000);
    expect(new Set(text)).toEqual(new Set(alphabet));
  });

  it("draws fresh bytes after each refill of its 64 KiB pool, never the same ones again", () => {
    const random = new RandomSource();
    // id(16) takes 16 bytes of the pool: 4,096 ids use one pool up.
    const pools = Array.from({ length: 3 }, () => Array.from({ length: 4096 }, () => random.id(16)).join(""));
    expect(new Set(pools).size).toBe(3);
  });
});
