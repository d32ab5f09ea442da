/**
 * The pack test (`npm run test:pack`, run by .ci/run): what a user gets from `npm install
 * bleepay-qa` must run on Node 20 with no dev toolchain.
 *
 * 1. Copies the work tree (tracked and untracked, not ignored files; node_modules linked) to a
 *    temporary folder and runs `npm pack` there, so `prepack` builds a clean dist/ without touching
 *    the dist/ that other runs in this tree use, and nothing stale or ignored can ship.
 * 2. Checks the tarball's file list: the compiled CLI, the spec and generated types; no TypeScript
 *    sources, no tests.
 * 3. Installs the tarball into an empty project with `npm install --offline`: only the npm cache
 *    (filled by `npm ci`) is used, never the network. Checks that no dev tool came along.
 * 4. Runs `npx bleepay-qa --version`, then `npx bleepay-qa all` (with a config file that shortens
 *    fuzz and load) and expects exit 0 and reports/index.html; then `npx bleepay-qa diff` of the
 *    packaged spec against itself (its default base, YAML parsing, the pact written afresh).
 *
 * Exit 0 when all holds; 1 with the failing step and its output otherwise.
 */
import { execFileSync, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const work = mkdtempSync(join(tmpdir(), "bleepay-pack-"));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const npx = process.platform === "win32" ? "npx.cmd" : "npx";

/** A failed step: its message and the output that explains it. */
class PackTestFailure extends Error {
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(message);
  }
}

function fail(message: string, output = ""): never {
  throw new PackTestFailure(message, output);
}

function step(name: string): void {
  process.stdout.write(`pack test: ${name}\n`);
}

/** Runs a command; fails the test with its output unless it exits 0. */
function run(command: string, args: string[], cwd: string, timeoutMs = 300_000): string {
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    timeout: timeoutMs,
    // The user's shell may point at a real provider or a config: the installed CLI must not see it.
    env: {
      ...process.env,
      BLEEPAY_BASE_URL: "",
      BLEEPAY_TOKEN: "",
      BLEEPAY_CONFIG: "",
      npm_config_yes: "true",
    },
  });
  if (result.status !== 0) {
    fail(
      `${command} ${args.join(" ")} (in ${cwd}) exited ${result.status ?? result.signal}`,
      `${result.stdout}\n${result.stderr}\n`,
    );
  }
  return result.stdout;
}

try {
  const [major] = process.versions.node.split(".").map(Number);
  if ((major ?? 0) < 20) fail(`Node ${process.version}: bleepay-qa needs Node 20 or later`);

  step("copying the work tree");
  const tree = join(work, "tree");
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: root,
    encoding: "utf8",
  })
    .split("\0")
    .filter((f) => f && existsSync(join(root, f)));
  for (const file of files) {
    mkdirSync(dirname(join(tree, file)), { recursive: true });
    cpSync(join(root, file), join(tree, file));
  }
  symlinkSync(join(root, "node_modules"), join(tree, "node_modules"), "dir");

  step("npm pack (prepack clears dist/, prepare builds it afresh)");
  const packed = JSON.parse(run(npm, ["pack", "--json", "--pack-destination", work], tree)) as {
    filename: string;
    files: { path: string }[];
  }[];
  const pack = packed[0] ?? fail("npm pack printed no package");
  const paths = pack.files.map((f) => f.path);
  for (const needed of [
    "bin/bleepay-qa.js",
    "dist/src/cli/run.js",
    "dist/src/report/render-run-report.js",
    "dist/generated/openapi-spec.js",
    "openapi/bleepay-vouchers.yaml",
    "package.json",
    "README.md",
  ]) {
    if (!paths.includes(needed)) fail(`the package lacks ${needed}`);
  }
  const unwanted = paths.filter(
    (p) =>
      /\.(test|browser)\.[jt]s$/.test(p) ||
      /(^|\/)test-support\//.test(p) ||
      (/\.ts$/.test(p) && !/\.d\.ts$/.test(p) && !p.startsWith("generated/")),
  );
  if (unwanted.length) fail(`the package ships sources or tests: ${unwanted.slice(0, 10).join(", ")}`);

  step("npm install --offline of the tarball into an empty project");
  const project = join(work, "project");
  mkdirSync(project);
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({ name: "pack-check", private: true }, null, 2),
  );
  run(npm, ["install", "--offline", "--no-audit", "--no-fund", join(work, pack.filename)], project);
  for (const devTool of ["typescript", "tsx", "vitest", "@biomejs/biome", "playwright-core"]) {
    if (existsSync(join(project, "node_modules", devTool)))
      fail(`the install brought the dev tool ${devTool}`);
  }

  step("npx bleepay-qa --version");
  const version = run(npx, ["--no-install", "bleepay-qa", "--version"], project).trim();
  const expected = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string })
    .version;
  if (version !== expected) fail(`--version printed ${JSON.stringify(version)}, expected ${expected}`);

  step("npx bleepay-qa all (config file: fuzz 100 runs, load 2 s)");
  writeFileSync(
    join(project, "bleepay-qa.config.json"),
    JSON.stringify({ fuzz: { runs: 100 }, load: { duration: "2s", warmup: "1s" } }, null, 2),
  );
  const output = run(npx, ["--no-install", "bleepay-qa", "all"], project);
  if (!output.includes("overall: PASSED")) fail("bleepay-qa all did not pass", output);
  for (const report of ["index.html", "summary.json", "summary.md", "junit.xml"]) {
    if (!existsSync(join(project, "reports", report)))
      fail(`bleepay-qa all wrote no reports/${report}`, output);
  }
  step("npx bleepay-qa diff --head (the packaged spec against itself)");
  const spec = join(project, "node_modules", "bleepay-qa", "openapi", "bleepay-vouchers.yaml");
  const diff = run(npx, ["--no-install", "bleepay-qa", "diff", "--head", spec], project);
  if (!diff.includes("overall: NOT BREAKING") || !diff.includes("breaks 0 of 7 interactions")) {
    fail("bleepay-qa diff of the spec against itself was not clean", diff);
  }
  if (!existsSync(join(project, "reports", "diff.json")))
    fail("bleepay-qa diff wrote no reports/diff.json", diff);
  step(`PASS: ${pack.filename}, ${paths.length} files, runs from an offline install`);
} catch (error) {
  if (!(error instanceof PackTestFailure)) throw error;
  process.stderr.write(`pack test: FAIL: ${error.message}\n${error.output}`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
