/**
 * Where pacts live: `--pact-dir`, else `pacts/` under the reports folder. `contracts` writes there
 * and `verify` reads there, so `bleepay-qa all` verifies exactly the pacts it just wrote.
 */
import { readdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { option } from "../src/options/index.js";

/** The `--pact-dir` option, shared by `contracts` and `verify`. */
export const PACT_DIR_OPTION = option.string({
  valueName: "DIR",
  env: "BLEEPAY_PACT_DIR",
  description: "Folder of pact files (default: pacts/ under --reports-dir)",
});

/** The pact folder for a run, as an absolute path: `--pact-dir`, else `pacts/` under the reports. */
export function pactDirOf(pactDir: string | undefined, reportsDir: string): string {
  return pactDir === undefined ? join(reportsDir, "pacts") : resolve(pactDir);
}

/** A pact file read from a folder. */
export interface PactFile {
  readonly path: string;
  /** The parsed JSON, or `undefined` when the file is not JSON. */
  readonly pact:
    | { consumer?: { name?: string }; provider?: { name?: string }; interactions?: unknown[] }
    | undefined;
}

/** Every `*.json` file of a folder, parsed (none when the folder does not exist). */
export async function readPactFiles(dir: string): Promise<PactFile[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith(".json")).sort();
  } catch {
    return [];
  }
  return Promise.all(
    names.map(async (name) => {
      const path = join(dir, name);
      try {
        return { path, pact: JSON.parse(await readFile(path, "utf8")) as PactFile["pact"] };
      } catch {
        return { path, pact: undefined };
      }
    }),
  );
}
