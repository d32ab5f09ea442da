import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FaultServer, startFaultServer } from "../../../test-support/fault-servers.js";
import { stageContext } from "../../../test-support/stage-context.js";
import { startReferenceProvider } from "../../../test-support/start-reference-provider.js";
import { OptionError, type RawValues } from "../../options/index.js";
import type { ReferenceProvider } from "../../provider/index.js";
import { PROVIDER_STATES_PATH } from "../../rules/provider-states.js";
import type { VerdictPolicy } from "../../rules/verdict-policy.js";
import { StateSetupError } from "../../state-setup/index.js";
import { type StageContext, type StageResult, stageSettings, type Target } from "../stage.js";
import { SMOKE_CASES } from "./smoke-cases.js";
import { smokeStage } from "./smoke-stage.js";

const TOKEN = "smoke-test-token";
let provider: ReferenceProvider;
let baseUrl: string;

beforeAll(async () => {
  ({ provider, url: baseUrl } = await startReferenceProvider({ tokens: [TOKEN] }));
});
afterAll(() => provider.close(500));

const reportsDir = mkdtempSync(join(tmpdir(), "bleepay-smoke-"));
afterAll(() => rmSync(reportsDir, { recursive: true, force: true }));

async function runSmoke(
  target: Partial<Target> & { baseUrl: string },
  values: RawValues = {},
  extra: Partial<StageContext> = {},
): Promise<StageResult> {
  return smokeStage.run(
    stageSettings(smokeStage, values),
    stageContext({ token: TOKEN, stateSetupUrl: undefined, embedded: false, ...target }, reportsDir, extra),
  );
}

const SPEC: VerdictPolicy = { policy: "spec", overrides: {} };

/** A provider that answers every request 200 with the doc's example session: it checks nothing. */
let takesAnything: { url: string; close(): Promise<void> };
beforeAll(async () => {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          id: `ses_${Math.random().toString(36).slice(2)}`,
          code: "D4E5F6",
          status: "OPEN",
          type: "SESSION_DEFAULT",
          createdAt: new Date().toISOString(),
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  takesAnything = {
    url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
});
afterAll(() => takesAnything.close());

describe("the smoke stage", () => {
  it("passes every check against the reference provider", async () => {
    const result = await runSmoke({ baseUrl, stateSetupUrl: `${baseUrl}${PROVIDER_STATES_PATH}` });
    expect(result.checks.filter((c) => c.outcome !== "passed")).toEqual([]);
    expect(result.outcome).toBe("passed");
    expect(result.checks.length).toBe(SMOKE_CASES.length);
    expect(result.checks.flatMap((c) => c.deviations ?? [])).toEqual([]);
  });

  it("never prints the body over 16 KiB in its curl: the body is a file under the reports folder", async () => {
    // A provider that takes any body: the large-body case fails under --rules spec, with its curl.
    const result = await runSmoke({ baseUrl: takesAnything.url }, { timeout: "2s" }, { policy: SPEC });
    const large = result.checks.find((c) => c.name.startsWith("a valid body over 16 KiB"));
    expect(large?.outcome).toBe("failed");
    const file = /--data-binary '@([^']+)'/.exec(large?.reproduce ?? "")?.[1] ?? "";
    expect(file.startsWith(join(reportsDir, "replays"))).toBe(true);
    expect(readFileSync(file, "utf8").length).toBeGreaterThan(16 * 1024);
    expect(large?.reproduce?.length).toBeLessThan(1024);
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

    it("fails on the doc's rules, naming each rule and its basis, deterministic, with a curl that hides the token", async () => {
      const result = await runSmoke({ baseUrl: brokenUrl });
      expect(result.outcome).toBe("failed");
      const failed = result.checks.filter((c) => c.outcome === "failed");
      // Where the doc names the error (invalid_code, unauthorized), an answer that does not name it
      // breaks the doc; where it is silent (a body that is not JSON, GET, text/plain), any 4xx will do.
      expect(failed.map((c) => c.name.split(":")[0])).toEqual([
        "a malformed code (a1b2)",
        "a well-formed code no payer shared",
        "no Authorization header",
        "an unknown bearer token with a shared code",
        "an unknown bearer token with a body that is not JSON",
      ]);
      for (const check of failed) {
        expect(check.detail).toBeTruthy();
        expect(check.rules?.[0]?.basis, check.name).toBe("doc");
        expect(check.stability, check.name).toBe("deterministic");
        expect(check.reproduce).toMatch(/^curl /);
        expect(check.reproduce).not.toContain(TOKEN);
      }
      const unauthorized = failed.find((c) => c.name.startsWith("no Authorization header"));
      expect(unauthorized?.rules?.map((r) => r.id)).toEqual(["auth-401-unauthorized"]);
    });

    it("under --rules spec, fails on the spec's assumptions too (WWW-Authenticate, the error body)", async () => {
      const result = await runSmoke({ baseUrl: brokenUrl }, {}, { policy: SPEC });
      const details = result.checks.map((c) => c.detail ?? "").join("\n");
      expect(details).toMatch(/www-authenticate/);
      expect(details).toMatch(/error-body-shape/);
    });
  });

  it("labels a failure that does not come back when replayed as flaky (1 of 3)", async () => {
    let gets = 0;
    const server = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        // The first GET is a crash; every later one, and every other request, is answered right.
        if (req.method === "GET" && ++gets === 1) res.writeHead(500).end("oops");
        else if (req.method === "GET")
          res
            .writeHead(405, { "content-type": "application/json", allow: "POST" })
            .end(JSON.stringify({ code: "method_not_allowed", message: "m" }));
        else
          res
            .writeHead(400, { "content-type": "application/json" })
            .end(JSON.stringify({ code: "invalid_code", message: "m" }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    try {
      const result = await runSmoke({
        baseUrl: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`,
      });
      const get = result.checks.find((c) => c.name.startsWith("GET on the path"));
      expect(get).toMatchObject({ outcome: "failed", stability: "flaky (1 of 3)" });
      expect(get?.rules?.[0]?.id).toBe("no-server-error");
      expect(gets).toBe(3);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("fails every check, naming the URL, when the target stops answering", async () => {
    const gone = await startReferenceProvider({ tokens: [TOKEN] }, { apart: true });
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
      // No state-setup URL: the checks that can do without a shared code are sent, side by side.
      const sendable = SMOKE_CASES.filter((c) => !c.needs || c.withoutStates).length;
      const result = await runSmoke({ baseUrl: silent.url }, { timeout: "200ms" });
      const elapsed = performance.now() - started;
      const failed = result.checks.filter((c) => c.outcome === "failed");
      expect(failed).toHaveLength(sendable);
      for (const check of failed)
        expect(check.detail).toMatch(new RegExp(`no answer from ${silent.url}.*timeout`));
      // Side by side, each case waits 200 ms three times (the first send and its two replays):
      // one after another they would take at least sendable × 3 × 200 ms.
      expect(elapsed).toBeGreaterThanOrEqual(3 * 200 - 50);
      expect(elapsed).toBeLessThan(sendable * 3 * 200);
    });

    it("stops with a state-setup error naming the state-setup URL when provider states get no answer in time", async () => {
      const statesUrl = `${silent.url}${PROVIDER_STATES_PATH}`;
      const started = performance.now();
      const error = await runSmoke({ baseUrl, stateSetupUrl: statesUrl }, { timeout: "300ms" }).catch(
        (e: unknown) => e,
      );
      const elapsed = performance.now() - started;
      // A stop, not a failed check: the CLI turns it into one line and exit 2.
      expect(error).toBeInstanceOf(StateSetupError);
      expect((error as Error).message).toContain(statesUrl);
      expect((error as Error).message).toContain("no answer within 0.3 s");
      expect((error as Error).message).not.toContain("\n");
      // The state-setup client's own default is 30 s.
      expect(elapsed).toBeLessThan(300 + 3_000);
    });

    it("refuses a --timeout outside 0.1 s to 120 s with the usual one-line usage error", async () => {
      for (const timeout of ["50ms", "3m", "soon"]) {
        const error = await runSmoke({ baseUrl }, { timeout }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(OptionError);
        expect((error as Error).message).toBe(
          `--timeout expects a duration from 0.1s to 120s (e.g. 5s, 500ms, 2m), got ${JSON.stringify(timeout)}`,
        );
      }
    });
  });
});
