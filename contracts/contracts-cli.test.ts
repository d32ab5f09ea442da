/**
 * End to end, as a user runs them: `bleepay-qa contracts` then `bleepay-qa verify` against the
 * embedded provider, with a token of the user's own that must never reach a pact, report or log;
 * and the loud failures: a provider that cannot be reached, a state that cannot be set up, a bad
 * option.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVIDER_STATES } from "../src/rules/provider-states.js";
import { runCli } from "../test-support/run-cli.js";
import { INTERACTIONS } from "./interactions/index.js";
import { PACT_FILE_NAME, PLACEHOLDER_TOKEN } from "./pact-names.js";

const reportsDir = mkdtempSync(join(tmpdir(), "bleepay-contracts-cli-"));
// Shaped like a real credential, so a leak anywhere would show.
const TOKEN = "tok_live_contracts_e2e_4f7a9c";
const env = { BLEEPAY_TOKEN: TOKEN, BLEEPAY_REPORTS_DIR: reportsDir };

const allFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? allFiles(join(dir, e.name)) : [join(dir, e.name)],
  );

let contracts: Awaited<ReturnType<typeof runCli>>;
let verify: Awaited<ReturnType<typeof runCli>>;

beforeAll(async () => {
  // Generous bounds: the machine is shared, and a loaded run is slow, not wrong.
  contracts = await runCli(["contracts"], { env, timeoutMs: 45_000 });
  verify = await runCli(["verify"], { env, timeoutMs: 45_000 });
}, 100_000);

afterAll(() => rmSync(reportsDir, { recursive: true, force: true }));

describe("bleepay-qa contracts && bleepay-qa verify", () => {
  it("should write the pact and pass the spec check", () => {
    expect(contracts.code, contracts.stdout + contracts.stderr).toBe(0);
    const pact = JSON.parse(readFileSync(join(reportsDir, "pacts", PACT_FILE_NAME), "utf8")) as {
      interactions: unknown[];
    };
    expect(pact.interactions).toHaveLength(INTERACTIONS.length);
  });

  it("should verify every interaction against the embedded provider and write JUnit XML", () => {
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    for (const interaction of INTERACTIONS)
      expect(verify.stdout).toContain(`PASS  ${interaction.description}`);
    const junit = readFileSync(join(reportsDir, "junit-verify.xml"), "utf8");
    expect(junit).toContain(`tests="${INTERACTIONS.length}" failures="0"`);
  });

  it("should never print or write the real token, and write the placeholder only", () => {
    const files = allFiles(reportsDir);
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) expect(readFileSync(file, "utf8"), file).not.toContain(TOKEN);
    expect(contracts.stdout + contracts.stderr + verify.stdout + verify.stderr).not.toContain(TOKEN);
    expect(readFileSync(join(reportsDir, "pacts", PACT_FILE_NAME), "utf8")).toContain(PLACEHOLDER_TOKEN);
  });
});

describe("bleepay-qa contracts spec check", () => {
  it("should fail on a pact in the folder that the spec forbids, with the comparator's finding", async () => {
    const other = mkdtempSync(join(tmpdir(), "bleepay-forbidden-"));
    try {
      const pact = JSON.parse(readFileSync(join(reportsDir, "pacts", PACT_FILE_NAME), "utf8")) as {
        consumer: { name: string };
        interactions: { response: { status: number; body: { content: Record<string, unknown> } } }[];
      };
      pact.consumer.name = "bleepay-kiosk";
      const success = pact.interactions.find((i) => i.response.status === 200);
      if (!success) throw new Error("the pact has no 200 interaction");
      success.response.body.content.status = "CLOSED";
      mkdirSync(join(other, "pacts"));
      writeFileSync(join(other, "pacts", "bleepay-kiosk-bleepay-vouchers-api.json"), JSON.stringify(pact));
      const run = await runCli(["contracts", "--reports-dir", other], { env, timeoutMs: 30_000 });
      expect(run.code, run.stdout + run.stderr).toBe(1);
      expect(run.stdout).toMatch(
        /FAIL {2}spec allows: bleepay-kiosk › .*\n.*response\.body\.incompatible.*"CLOSED"/,
      );
      expect(run.stdout).not.toMatch(/FAIL {2}consumer:/);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});

describe("bleepay-qa verify failures", () => {
  let refusing: Server;
  let refusingUrl: string;

  beforeAll(async () => {
    // A state endpoint that knows no state: every interaction with a state must fail, naming it.
    refusing = createServer((_req, res) => {
      res.writeHead(400, { "content-type": "application/json" });
      res.end('{"code":"invalid_state","message":"unknown provider state"}');
    });
    await new Promise<void>((resolve) => refusing.listen(0, "127.0.0.1", resolve));
    refusingUrl = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}/states`;
  });
  afterAll(() => new Promise<void>((resolve) => refusing.close(() => resolve())));

  it("should exit 2 with one line when the provider cannot be reached", async () => {
    const run = await runCli(["verify", "--base-url", "http://127.0.0.1:9", "--token", TOKEN], { env });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain("cannot reach http://127.0.0.1:9");
  });

  it("should fail the interactions whose provider state cannot be set up, naming the state", async () => {
    const run = await runCli(["verify", "--state-setup-url", refusingUrl], { env, timeoutMs: 40_000 });
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toContain(`provider state "${PROVIDER_STATES.codeShared}"`);
    expect(run.stdout).toContain(`provider state "${PROVIDER_STATES.codeExpired}"`);
    const stateless = INTERACTIONS.filter((i) => !i.state);
    for (const interaction of stateless) expect(run.stdout).toContain(`PASS  ${interaction.description}`);
  }, 45_000);
});
