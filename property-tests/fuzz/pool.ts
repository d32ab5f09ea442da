/**
 * A bounded pool: runs `task(i)` for `i = 0 … count - 1` with at most `concurrency` in flight, in
 * index order, and stops starting new ones once `stop()` says so.
 */

/** Runs tasks by index with bounded concurrency. Resolves when every started task has ended. */
export async function runPool(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
  stop: (index: number) => boolean = () => false,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      if (stop(index)) return;
      await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
}
