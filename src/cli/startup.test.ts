/**
 * What a CLI start loads. The engines (autocannon and the HDR histograms, fast-check, Pact, Ajv)
 * are loaded when the command that needs them runs, not at every start: eagerly, they cost about
 * 0.3 s of CPU per start, --help and usage errors included. Each case spawns the real binary with
 * a module hook that prints every package it imports.
 */
import { execFile } from "node:child_process";
import { describe, expect, it } from "vitest";
import { BIN_PATH, REPO_ROOT } from "../../test-support/run-cli.js";
import { COMMANDS } from "./commands/index.js";

const HEAVY = [
  "autocannon",
  "hdr-histogram-js",
  "http-parser-js",
  "fast-check",
  "ajv",
  "ajv-formats",
  "@pact-foundation/pact",
  "@pactflow/openapi-pact-comparator",
] as const;

// A resolve hook (registered from a data: URL, so no file to compile) that names each package
// imported, one a line on stderr.
const HOOKS = `export async function resolve(specifier, context, next) {
  if (!/^(node:|\\.|\\/|file:|data:)/.test(specifier)) process.stderr.write("IMPORT " + specifier + "\\n");
  return next(specifier, context);
}`;
const TRACE = `data:text/javascript,${encodeURIComponent(
  `import { register } from "node:module"; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOKS)}`)});`,
)}`;

/** The packages `bleepay-qa ARGS…` imports (bare specifiers, first path segment or scope/name). */
function packagesImportedBy(args: readonly string[]): Promise<{ packages: Set<string>; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--import", TRACE, BIN_PATH, ...args],
      { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? "" }, timeout: 20_000 },
      (error, _stdout, stderr) => {
        if (error && typeof error.code !== "number") return reject(error);
        const packages = new Set(
          [...stderr.matchAll(/^IMPORT (\S+)$/gm)].map((m) => {
            const parts = (m[1] ?? "").split("/");
            return (parts[0]?.startsWith("@") ? parts.slice(0, 2) : parts.slice(0, 1)).join("/");
          }),
        );
        resolve({ packages, stderr });
      },
    );
  });
}

describe.concurrent("a CLI start", () => {
  it.each([[["--help"]], ...COMMANDS.map((c) => [[c.name, "--help"]])])(
    "bleepay-qa %j loads none of the engines",
    async (args) => {
      const { packages, stderr } = await packagesImportedBy(args);
      expect(
        HEAVY.filter((name) => packages.has(name)),
        stderr,
      ).toEqual([]);
    },
  );

  it("loads an engine once its command runs (the hook sees imports)", async () => {
    // `load merge` loads the HDR histograms before it reads its (missing) file, then exits 2.
    const { packages, stderr } = await packagesImportedBy(["load", "merge", "/nonexistent.hdrlog"]);
    expect(stderr).toContain("cannot read /nonexistent.hdrlog");
    expect([...packages], stderr).toContain("hdr-histogram-js");
  });
});
