/**
 * Consumer impact from a Pact Broker: a minimal broker on 127.0.0.1 (index, pacts for
 * verification, the pact) serves the payee app's pact; the diff reads it with the selectors and
 * the token, and a broker that cannot be reached is one line, not a crash.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { type Seen, startFakeBroker } from "../../test-support/fake-pact-broker.js";
import { closedPort } from "../../test-support/ports-apart.js";
import { REPO_ROOT } from "../../test-support/run-cli.js";
import { writeContractPactsOrThrow } from "../../test-support/write-contract-pacts.js";
import { runDiff } from "./run-diff.js";
import { DiffInputError } from "./spec-load-error.js";

const SPEC = join(REPO_ROOT, "openapi", "bleepay-vouchers.yaml");
const TOKEN = "brk_diff_test_token_19";
const work = mkdtempSync(join(tmpdir(), "bleepay-diff-broker-"));
const seen: Seen[] = [];
let server: Server;
let url: string;
let head: string;

beforeAll(async () => {
  const { pactFile } = await writeContractPactsOrThrow(join(work, "pacts"));
  const pact = JSON.parse(readFileSync(pactFile, "utf8")) as object;
  const doc = parse(readFileSync(SPEC, "utf8"));
  delete doc.paths["/api/v1/vouchers/sessions/session-open"].post.responses["401"];
  head = join(work, "no-401.yaml");
  writeFileSync(head, stringify(doc));
  const broker = await startFakeBroker(pact, seen);
  server = broker.server;
  url = broker.url;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(work, { recursive: true, force: true });
});

describe("bleepay-qa diff with a Pact Broker", () => {
  it("should check the broker's pacts, sending the selectors and the token", async () => {
    const selectors = [{ branch: "main" }];
    const report = await runDiff({
      base: SPEC,
      head,
      pacts: [{ kind: "broker", url, token: TOKEN, consumerVersionSelectors: selectors }],
    });
    expect(report.consumerImpact).toHaveLength(1);
    expect(report.consumerImpact[0]?.source).toBe(`${url}/pacts/1`);
    expect(report.consumerImpact[0]?.broken.map((b) => b.field)).toEqual([
      "response.status",
      "response.status",
    ]);
    const post = seen.find((s) => s.method === "POST");
    expect(JSON.parse(post?.body ?? "{}")).toMatchObject({ consumerVersionSelectors: selectors });
    expect(seen.every((s) => s.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(JSON.stringify(report)).not.toContain(TOKEN);
  });

  it("should refuse a broker that cannot be reached, naming it", async () => {
    const gone = `http://127.0.0.1:${await closedPort()}`;
    const error = await runDiff({
      base: SPEC,
      head,
      pacts: [{ kind: "broker", url: gone, token: undefined, consumerVersionSelectors: [] }],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiffInputError);
    expect((error as Error).message).toBe(`${gone}: the Pact Broker cannot be reached (ECONNREFUSED)`);
  });
});
