/**
 * The pool of valid context codes the load scenarios send: minted through the target's
 * provider-state endpoint (one bulk call per chunk) or read from a file, one code a line.
 */
import { readFile } from "node:fs/promises";
import { isWellFormedCode } from "../../src/rules/index.js";
import { StageInputError } from "../../src/stages/stage.js";
import { createStateSetupClient } from "../../src/state-setup/index.js";

/** Codes minted per state-setup call (bounded so one answer stays small). */
export const MINT_CHUNK = 10_000;

/**
 * Mints `count` shared codes through a provider-state URL, each bulk call within `timeoutMs` (absent:
 * the state-setup client's default). Throws a `StateSetupError` on failure.
 */
export async function mintCodes(stateSetupUrl: string, count: number, timeoutMs?: number): Promise<string[]> {
  const client = createStateSetupClient({
    url: stateSetupUrl,
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  });
  const codes: string[] = [];
  while (codes.length < count)
    codes.push(...(await client.sharedCodes(Math.min(MINT_CHUNK, count - codes.length))));
  return codes;
}

/**
 * Reads codes from a file, one a line (blank lines and `#` comments skipped).
 * Returns the codes, or an error message naming the first bad line.
 */
export async function readCodesFile(path: string): Promise<string[] | string> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    return `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
  }
  const codes: string[] = [];
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    if (!isWellFormedCode(line))
      return `${path}:${i + 1}: ${JSON.stringify(line)} is not a well-formed context code`;
    codes.push(line);
  }
  if (codes.length === 0) return `${path} holds no codes`;
  return codes;
}

/**
 * Least time a bulk minting call gets. Load's `--timeout` is also a latency threshold (a
 * `--timeout 5ms` run is legitimate), which no endpoint minting thousands of codes could meet.
 */
export const MIN_MINT_TIMEOUT_MS = 1_000;

/**
 * Gets the code pool: from `--codes-file`, else minted through the state-setup URL, each call
 * within the run's `--timeout` (at least {@link MIN_MINT_TIMEOUT_MS}). Throws a `StageInputError`
 * for a bad codes file or no source of codes, a `StateSetupError` when minting fails.
 */
export async function loadCodePool(
  settings: { readonly codesFile: string | undefined; readonly codes: number; readonly timeoutMs: number },
  stateSetupUrl: string | undefined,
): Promise<string[]> {
  if (settings.codesFile) {
    const codes = await readCodesFile(settings.codesFile);
    if (typeof codes === "string") throw new StageInputError(`--codes-file: ${codes}`);
    return codes;
  }
  if (!stateSetupUrl) {
    throw new StageInputError(
      "load needs valid codes: give --state-setup-url (Pact provider-state endpoint) or --codes-file",
    );
  }
  return mintCodes(stateSetupUrl, settings.codes, Math.max(settings.timeoutMs, MIN_MINT_TIMEOUT_MS));
}
