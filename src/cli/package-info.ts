/** bleepay-qa's own package.json, found from the compiled binary and from the sources alike. */
import { readFileSync } from "node:fs";

/** The parts of package.json the CLI shows. */
export interface PackageInfo {
  readonly name?: string;
  readonly version?: string;
  readonly dependencies?: Readonly<Record<string, string>>;
}

let cached: PackageInfo | undefined;

/** bleepay-qa's package.json (empty when it cannot be found: only a version line is lost). */
export function packageInfo(): PackageInfo {
  if (cached) return cached;
  // Compiled (dist/src/cli) and run from source (src/cli) sit at different depths.
  for (const up of ["../../../package.json", "../../package.json"]) {
    try {
      const found = JSON.parse(readFileSync(new URL(up, import.meta.url), "utf8")) as PackageInfo;
      if (found.name === "bleepay-qa") {
        cached = found;
        return found;
      }
    } catch {
      // Not at this depth.
    }
  }
  cached = {};
  return cached;
}
