import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FaultServer, startFaultServer } from "../../test-support/fault-servers.js";
import { startReferenceProvider } from "../../test-support/start-reference-provider.js";
import { CliError } from "../cli/cli-error.js";
import { EXIT } from "../cli/exit-codes.js";
import type { OptionValues } from "../cli/options.js";
import { createOutput } from "../cli/output.js";
import type { ReferenceProvider } from "../provider/index.js";
import { PROVIDER_STATES_PATH } from "../rules/provider-states.js";
import { smokeStage } from "./smoke.js";
import type { StageResult, Target } from "./stage.js";

const TOKEN = "smoke-test-token";
let provider: ReferenceProvider;
let baseUrl: string;

beforeAll(async () => {
  ({ provider, url: baseUrl } = await startReferenceProvider({ tokens: [TOKEN] }));
});
afterAll(() => provider.close(500));

const sink = { write: () => true };
function runSmoke(
  target: Partial<Target> & { baseUrl: string },
  values: OptionValues = {},
): Promise<StageResult> {
  return smokeStage.run({
    target: { token: TOKEN, stateSetupUrl: undefined, embedded: false, ...target },
    values,
    reportsDir: "/nonexistent",
    out: createOutput(sink, sink, [TOKEN]),
    signal: new AbortController().signal,
  });
}

describe("the smoke stage", () => {
  it("passes every check against the reference provider", async () => {
    const result = await runSmoke({ baseUrl, stateSetupUrl: `${baseUrl}${PROVIDER_STATES_PATH}` });
    expect(result.checks.filter((c) => c.outcome !== "passed")).toEqual([]);
    expect(result.outcome).toBe("passed");
    expect(result.checks.length).toBeGreaterThanOrEqual(12);
  });

  it("reports the checks that need a shared code as not run without a state-setup URL", async () => {
    const result = await runSmoke({ baseUrl });
    const notRun = result.checks.filter((c) => c.outcome === "not-run");
    expect(notRun.length).toBeGreaterThan(0);
    expect(notRun.every((c) => /--state-setup-url/.test(c.detail ?? ""))).toBe(true);
    expect(result.outcome).toBe("passed");
  });

  describe("against a provider that breaks the contract", () => {
    let server: Server;
    let brokenUrl: string;
    beforeAll(async () => {
      // Right statuses, wrong bodies: only the body checks can catch it.
      server = createServer((req, res) => {
        req.resume();
        req.on("end", () => {
          const auth = req.headers.authorization === `Bearer ${TOKEN}`;
          res.writeHead(auth ? 400 : 401, { "content-type": "application/json" });
          res.end(JSON.stringify({ error: "nope" }));
        });
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const address = server.address();
      brokenUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("fails, with details and a curl reproduction that hides the token", async () => {
      const result = await runSmoke({ baseUrl: brokenUrl });
      expect(result.outcome).toBe("failed");
      const failed = result.checks.filter((c) => c.outcome === "failed");
      expect(failed.length).toBeGreaterThan(5);
      for (const check of failed) {
        expect(check.detail).toBeTruthy();
        expect(check.reproduce).toMatch(/^curl /);
        expect(check.reproduce).not.toContain(TOKEN);
      }
      expect(failed.some((c) => /www-authenticate/.test(c.detail ?? ""))).toBe(true);
    });
  });

  it("fails every check, naming the URL, when the target stops answering", async () => {
    const gone = await startReferenceProvider({ tokens: [TOKEN] });
    const goneUrl = gone.url;
    await gone.close(100);
    const result = await runSmoke({ baseUrl: goneUrl });
    expect(result.outcome).toBe("failed");
    expect(
      result.checks.filter((c) => c.outcome === "failed").every((c) => c.detail?.includes(goneUrl)),
    ).toBe(true);
  });

  describe("--timeout", () => {
    let silent: FaultServer;
    beforeAll(async () => {
      silent = await startFaultServer("silent");
    });
    afterAll(() => silent.close());

    it("gives up on each request after --timeout, naming the URL and the cause", async () => {
      const started = performance.now();
      // No state-setup URL: the 9 checks that need no shared code are sent, side by side.
      const result = await runSmoke({ baseUrl: silent.url }, { timeout: "200ms" });
      const elapsed = performance.now() - started;
      const failed = result.checks.filter((c) => c.outcome === "failed");
      expect(failed).toHaveLength(9);
      for (const check of failed)
        expect(check.detail).toMatch(new RegExp(`no answer from ${silent.url}.*timeout`));
      // One wait of 200 ms for all nine: one after another they took at least 9 × 200 ms (and
      // with the fixed 10 s a request had before, 90 s).
      expect(elapsed).toBeGreaterThanOrEqual(200 - 50);
      expect(elapsed).toBeLessThan(9 * 200);
    });

    it("stops with a usage error naming the state-setup URL when provider states get no answer in time", async () => {
      const statesUrl = `${silent.url}${PROVIDER_STATES_PATH}`;
      const started = performance.now();
      const error = await runSmoke({ baseUrl, stateSetupUrl: statesUrl }, { timeout: "300ms" }).catch(
        (e: unknown) => e,
      );
      const elapsed = performance.now() - started;
      expect(error).toBeInstanceOf(CliError);
      expect((error as CliError).exitCode).toBe(EXIT.usage);
      expect((error as Error).message).toContain(statesUrl);
      expect((error as Error).message).toContain("no answer within 0.3 s");
      expect((error as Error).message).not.toContain("\n");
      // The state-setup client's own default is 30 s.
      expect(elapsed).toBeLessThan(300 + 3_000);
    });

    it("refuses a --timeout outside 0.1 s to 120 s with the usual one-line usage error", async () => {
      for (const timeout of ["50ms", "3m", "soon"]) {
        const error = await runSmoke({ baseUrl }, { timeout }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(CliError);
        expect((error as Error).message).toBe(
          `--timeout expects a duration from 0.1s to 120s (e.g. 5s, 500ms, 2m), got ${JSON.stringify(timeout)}`,
        );
      }
    });
  });
});
