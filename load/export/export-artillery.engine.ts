/**
 * The Artillery export run by the real engine (`npm run test:artillery`, not part of `npm test`:
 * the engine is a 600 MB install of its own under load/artillery-engine/). It proves what a
 * structural test cannot: that Artillery reads the script, sends valid requests with the exported
 * codes, and that the exported SLOs are Artillery's own `ensure` thresholds.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReferenceProvider } from "../../src/provider/index.js";
import { REPO_ROOT, runCli } from "../../test-support/run-cli.js";
import { startReferenceProvider } from "../../test-support/start-reference-provider.js";

const ARTILLERY = join(REPO_ROOT, "load", "artillery-engine", "node_modules", ".bin", "artillery");
const TOKEN = "artillery-check-token";

interface ArtilleryRun {
  readonly code: number;
  readonly output: string;
  readonly counters: Record<string, number>;
}

/** Runs Artillery on the exported script against `baseUrl`, with telemetry off (no network). */
async function runArtillery(dir: string, baseUrl: string, token: string): Promise<ArtilleryRun> {
  const report = join(dir, `artillery-${token}.json`);
  const result = await promisify(execFile)(ARTILLERY, ["run", "--output", report, "load-artillery.yml"], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ARTILLERY_DISABLE_TELEMETRY: "true",
      BLEEPAY_BASE_URL: baseUrl,
      BLEEPAY_TOKEN: token,
    },
    timeout: 120_000,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({
      code: typeof error.code === "number" ? error.code : -1,
      output: `${error.stdout ?? ""}${error.stderr ?? ""}`,
    }),
  );
  const counters = (
    JSON.parse(await readFile(report, "utf8")) as { aggregate: { counters: Record<string, number> } }
  ).aggregate.counters;
  return { ...result, counters };
}

describe("the Artillery export, run by the real Artillery engine", () => {
  let provider: ReferenceProvider;
  let baseUrl: string;
  let dir: string;

  beforeAll(async () => {
    if (!existsSync(ARTILLERY)) {
      throw new Error(
        "no Artillery engine: run `npm ci --ignore-scripts --prefix load/artillery-engine` (npm run test:artillery does)",
      );
    }
    ({ provider, url: baseUrl } = await startReferenceProvider({ tokens: [TOKEN] }));
    dir = await mkdtemp(join(tmpdir(), "bleepay-artillery-"));
    const exported = await runCli(
      [
        "load",
        "--export",
        "artillery",
        "--rate",
        "40",
        "--duration",
        "4s",
        "--codes",
        "400",
        "--slo",
        "p99<500ms",
        "--slo",
        "error_rate<0.1%",
        "--base-url",
        baseUrl,
        "--state-setup-url",
        `${baseUrl}/_pact/provider-states`,
        "--reports-dir",
        dir,
      ],
      { env: { BLEEPAY_TOKEN: TOKEN }, timeoutMs: 60_000 },
    );
    expect(exported.code, exported.stderr).toBe(0);
    // The token is read from the environment when Artillery runs; it is never in the export.
    expect(await readFile(join(dir, "load-artillery.yml"), "utf8")).not.toContain(TOKEN);
  }, 90_000);

  afterAll(async () => {
    await provider?.close(100);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("opens a session for every request it sends, and passes its thresholds (exit 0)", async () => {
    const run = await runArtillery(dir, baseUrl, TOKEN);
    expect(run.code, run.output).toBe(0);
    expect(run.counters["http.requests"]).toBe(160);
    expect(run.counters["http.codes.200"]).toBe(160);
    expect(run.counters["vusers.failed"] ?? 0).toBe(0);
    expect(run.output).toMatch(/ok: .*vusers\.failed/);
  }, 150_000);

  it("fails its thresholds (non-zero exit) when the provider refuses the token", async () => {
    const run = await runArtillery(dir, baseUrl, "not-the-token");
    expect(run.code).not.toBe(0);
    expect(run.counters["http.codes.401"]).toBe(160);
    expect(run.output).toMatch(/fail: .*vusers\.failed/);
  }, 150_000);
});
