import { describe, expect, it } from "vitest";
import { Semaphore } from "./semaphore.js";

describe("Semaphore", () => {
  it("should keep at most `limit` tasks in flight and start them in arrival order", async () => {
    const semaphore = new Semaphore(3);
    let inFlight = 0;
    let peak = 0;
    const started: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        semaphore.run(async () => {
          started.push(i);
          inFlight++;
          peak = Math.max(peak, inFlight);
          await new Promise((r) => setImmediate(r));
          inFlight--;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(started).toStrictEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it("should release the slot of a task that throws", async () => {
    const semaphore = new Semaphore(1);
    await expect(semaphore.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await semaphore.run(async () => 42)).toBe(42);
  });
});
