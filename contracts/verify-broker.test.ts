/**
 * `bleepay-qa verify` with a Pact Broker: a minimal broker on 127.0.0.1 speaking the HAL API the
 * verifier uses (pacts for verification, provider branch version, verification results) records
 * what it is sent, so the broker flags are checked as the broker sees them.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type FakeBroker,
  type Seen,
  startFakeBroker as startBroker,
} from "../test-support/fake-pact-broker.js";
import { runCli } from "../test-support/run-cli.js";
import { writeContractPactsOrThrow } from "../test-support/write-contract-pacts.js";
import { INTERACTIONS } from "./interactions/index.js";
import { PROVIDER_NAME } from "./pact-names.js";

const BROKER_TOKEN = "brk_live_e2e_token_77aa";
const reportsDir = mkdtempSync(join(tmpdir(), "bleepay-broker-"));

const seen: Seen[] = [];
let broker: FakeBroker;
let run: Awaited<ReturnType<typeof runCli>>;
let pact: unknown;

const brokerArgs = (url: string): string[] => [
  "verify",
  "--broker-url",
  url,
  "--consumer-version-selector",
  '{"branch":"main"}',
  "--enable-pending",
  "--include-wip-pacts-since",
  "2026-01-01",
  "--provider-version",
  "abc1234",
  "--provider-branch",
  "main",
  "--publish-verification-results",
];
const brokerEnv = { PACT_BROKER_TOKEN: BROKER_TOKEN, BLEEPAY_REPORTS_DIR: reportsDir };

beforeAll(async () => {
  const { pactFile } = await writeContractPactsOrThrow(join(reportsDir, "source"));
  pact = JSON.parse(readFileSync(pactFile, "utf8"));
  broker = await startBroker(pact, seen);
  run = await runCli(brokerArgs(broker.url), { env: brokerEnv, timeoutMs: 40_000 });
}, 60_000);

afterAll(async () => {
  await new Promise<void>((resolve) => broker.server.close(() => resolve()));
  rmSync(reportsDir, { recursive: true, force: true });
});

describe("bleepay-qa verify --broker-url", () => {
  it("should verify the broker's pact and pass", () => {
    expect(run.code, run.stdout + run.stderr).toBe(0);
    for (const interaction of INTERACTIONS) expect(run.stdout).toContain(`PASS  ${interaction.description}`);
  });

  it("should ask the broker with the selectors, pending, WIP and the provider branch, with its token", () => {
    const ask = seen.find((s) => s.method === "POST" && s.url.endsWith(`/${PROVIDER_NAME}/for-verification`));
    expect(JSON.parse(ask?.body ?? "{}")).toMatchObject({
      consumerVersionSelectors: [{ branch: "main" }],
      includePendingStatus: true,
      includeWipPactsSince: "2026-01-01",
      providerVersionBranch: "main",
    });
    expect(new Set(seen.map((s) => s.authorization))).toEqual(new Set([`Bearer ${BROKER_TOKEN}`]));
  });

  it("should publish a successful result for the provider version", () => {
    const published = seen.find((s) => s.method === "POST" && s.url === "/results");
    expect(JSON.parse(published?.body ?? "{}")).toMatchObject({
      providerApplicationVersion: "abc1234",
      success: true,
    });
  });

  it("should never print or write the broker token", () => {
    expect(run.stdout + run.stderr).not.toContain(BROKER_TOKEN);
    for (const name of readdirSync(reportsDir).filter((n) => n.endsWith(".json") || n.endsWith(".xml"))) {
      expect(readFileSync(join(reportsDir, name), "utf8"), name).not.toContain(BROKER_TOKEN);
    }
  });

  it("should fail, saying why, when the broker refuses the published results", async () => {
    const refusing = await startBroker(pact, [], 403);
    try {
      const failed = await runCli(brokerArgs(refusing.url), { env: brokerEnv, timeoutMs: 40_000 });
      expect(failed.code, failed.stdout + failed.stderr).toBe(1);
      expect(failed.stdout).toMatch(/FAIL {2}Pact Broker\n.*[Pp]ublish/);
      expect(failed.stdout + failed.stderr).not.toContain(BROKER_TOKEN);
    } finally {
      await new Promise<void>((resolve) => refusing.server.close(() => resolve()));
    }
  }, 45_000);
});
