/**
 * Spawns the real binary (`node bin/bleepay-qa.js …`, compiled by the global setup) as a user runs
 * it, and returns its exit code and output. End-to-end tests of every command share it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's root folder. */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Path of the binary a user runs. */
export const BIN_PATH = join(REPO_ROOT, "bin", "bleepay-qa.js");

/** Options of {@link runCli}. */
export interface RunCliOptions {
  /**
   * Environment variables added to a clean environment (PATH, HOME and the like only). The
   * caller's BLEEPAY_* variables are not inherited, so a developer's shell cannot change a result.
   */
  env?: Record<string, string | undefined>;
  /** Working folder (default: the repository root). */
  cwd?: string;
  /** Kill the process (SIGKILL) after this many milliseconds (default 20,000). */
  timeoutMs?: number;
  /** Called once the process started, e.g. to send it a signal later. */
  onSpawn?: (child: ChildProcess) => void;
}

/** How a run of the binary ended. */
export interface CliRun {
  /** Exit code; `null` when killed by a signal. */
  readonly code: number | null;
  /** The signal that ended it, if any (SIGKILL after a timeout). */
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Whether the run was killed for taking longer than `timeoutMs`. */
  readonly timedOut: boolean;
  /** Wall time of the run in milliseconds. */
  readonly elapsedMs: number;
}

const INHERITED = ["PATH", "HOME", "TMPDIR", "LANG", "SYSTEMROOT"];

/**
 * Runs `bleepay-qa ARGS…` and resolves when it exits (never rejects for a non-zero exit).
 *
 * @example
 * const { code, stderr } = await runCli(["smoke", "--base-url", "http://127.0.0.1:1"]);
 */
export function runCli(args: readonly string[], options: RunCliOptions = {}): Promise<CliRun> {
  const env: Record<string, string> = {};
  for (const name of INHERITED) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value !== undefined) env[name] = value;
  }
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN_PATH, ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.setEncoding("utf8").on("data", (text: string) => {
      stdout += text;
    });
    child.stderr.setEncoding("utf8").on("data", (text: string) => {
      stderr += text;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.timeoutMs ?? 20_000);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut, elapsedMs: performance.now() - started });
    });
    options.onSpawn?.(child);
  });
}
