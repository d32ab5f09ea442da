/**
 * Starts bench/minimal-server.ts in a process of its own (so the generator under test does not
 * share its event loop) and resolves with its URL once it says it is listening.
 */
import { type ChildProcess, spawn } from "node:child_process";

/**
 * Starts the minimal `node:http` server on a free port of 127.0.0.1, adding `delayMs` to every
 * answer when given. Kill `child` when done.
 *
 * @example
 * const server = await startMinimalServer();
 * try { … } finally { server.child.kill(); }
 */
export function startMinimalServer(delayMs = 0): Promise<{ url: string; child: ChildProcess }> {
  const args = ["--import", "tsx", "bench/minimal-server.ts", "0"];
  if (delayMs) args.push("--delay-ms", String(delayMs));
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the minimal server exited (${code}) before listening`)));
    child.stdout?.on("data", (chunk: Buffer) => {
      const match = /listening on (\S+)/.exec(chunk.toString());
      if (match?.[1]) resolve({ url: match[1], child });
    });
  });
}
