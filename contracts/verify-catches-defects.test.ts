/**
 * What the contract catches: verification runs against every deliberately broken provider of
 * test-support/defective-providers and must fail naming the interaction that exposes the defect,
 * and it must pass against a provider that follows the doc with other ids, codes, timestamps and
 * messages (an over-specified contract would fail there).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckResult } from "../src/stages/stage.js";
import {
  DEFECTS,
  type DefectiveProvider,
  startConformingVariant,
} from "../test-support/defective-providers/index.js";
import { writeContractPactsOrThrow } from "../test-support/write-contract-pacts.js";
import {
  expiredCode,
  INTERACTIONS,
  malformedCode,
  missingAuthorization,
  openSessionSharedCode,
  openSessionWithPayeeInfo,
  unknownToken,
  unsharedCode,
} from "./interactions/index.js";
import { PACT_FILE_NAME, PLACEHOLDER_TOKEN, PROVIDER_NAME } from "./pact-names.js";
import { explainFailures } from "./verify/explain-failures.js";
import { openVerificationWorker, type VerificationWorker } from "./verify/run-verification.js";
import { verificationChecks } from "./verify/verification-checks.js";
import type { VerificationJob } from "./verify/verification-job.js";

/**
 * Defects no consumer contract can expose, and why. Each still has to pass verification: if one
 * starts failing, the contract grew stronger and it belongs in {@link CAUGHT_BY}.
 */
const NOT_CAUGHT_BY_NATURE: Readonly<Record<string, string>> = {
  "duplicate-session-ids":
    "uniqueness is a relation between answers; an interaction pins the shape of one answer",
  "body-before-auth":
    "shows only for a bad token together with a malformed code, a pair the payee app never sends",
  "code-normalised":
    "shows only for a lower-case or padded form of a code a payer shared; provider states inject the shared code itself",
  "crash-on-non-string-code": "the payee app's typed client only ever sends a string code",
};

const SESSIONS = [openSessionSharedCode.description, openSessionWithPayeeInfo.description];
const AUTH = [missingAuthorization.description, unknownToken.description];

/** For each defect the contract catches, an interaction that must fail on it. */
const CAUGHT_BY: Readonly<Record<string, readonly string[]>> = {
  "success-201": SESSIONS,
  "missing-created-at": SESSIONS,
  "id-number": SESSIONS,
  "status-active": SESSIONS,
  "type-lowercase": SESSIONS,
  "created-at-epoch": SESSIONS,
  "session-code-lowercase": SESSIONS,
  "error-code-renamed": [malformedCode.description, expiredCode.description, unsharedCode.description],
  "error-body-text": [malformedCode.description, ...AUTH],
  "content-type-text": [
    openSessionSharedCode.description,
    malformedCode.description,
    unknownToken.description,
  ],
  "missing-auth-accepted": [missingAuthorization.description],
  "any-token-accepted": [unknownToken.description],
  "auth-403": AUTH,
  "no-www-authenticate": AUTH,
  "malformed-code-accepted": [malformedCode.description],
  "unknown-code-accepted": [unsharedCode.description],
  "expired-code-accepted": [expiredCode.description],
  "crash-on-non-ascii": [openSessionWithPayeeInfo.description],
};

const dir = mkdtempSync(join(tmpdir(), "bleepay-defects-"));
const results = new Map<string, CheckResult[]>();
const CONFORMING = "conforming variant";

async function verifyAgainst(
  worker: VerificationWorker,
  start: () => Promise<DefectiveProvider>,
): Promise<CheckResult[]> {
  const provider = await start();
  try {
    const job: VerificationJob = {
      provider: PROVIDER_NAME,
      providerBaseUrl: provider.url,
      token: provider.token,
      placeholderToken: PLACEHOLDER_TOKEN,
      stateSetupUrl: provider.stateSetupUrl,
      pactSources: [dir],
      broker: undefined,
      publish: undefined,
      providerVersion: undefined,
      providerBranch: undefined,
      requestTimeoutMs: 5_000,
    };
    const outcome = await worker.verify(job, { timeoutMs: 30_000 });
    return await explainFailures(verificationChecks(outcome, [provider.token]), {
      worker,
      job,
      localPacts: [JSON.parse(readFileSync(join(dir, PACT_FILE_NAME), "utf8"))],
      reportsDir: dir,
      target: {
        baseUrl: provider.url,
        token: provider.token,
        placeholderToken: PLACEHOLDER_TOKEN,
        stateSetupUrl: provider.stateSetupUrl,
        timeoutMs: 5_000,
      },
      clean: (text) => text,
    });
  } finally {
    await provider.close();
  }
}

beforeAll(async () => {
  await writeContractPactsOrThrow(dir);
  const jobs: [string, () => Promise<DefectiveProvider>][] = [
    [CONFORMING, startConformingVariant],
    ...DEFECTS.map((d): [string, () => Promise<DefectiveProvider>] => [d.id, () => d.start()]),
  ];
  // Two workers, each running its share of the jobs in turn: one per core, and Pact is loaded
  // once per worker rather than once per provider.
  const queue = [...jobs];
  await Promise.all(
    Array.from({ length: 2 }, async () => {
      const worker = openVerificationWorker();
      try {
        for (let job = queue.shift(); job; job = queue.shift()) {
          results.set(job[0], await verifyAgainst(worker, job[1]));
        }
      } finally {
        await worker.close();
      }
    }),
  );
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const failedNames = (id: string): string[] =>
  (results.get(id) ?? []).filter((c) => c.outcome === "failed").map((c) => c.name);

describe("verification against the defective providers", () => {
  it("should pass every interaction on a provider that follows the doc with its own values", () => {
    const checks = results.get(CONFORMING) ?? [];
    expect(checks.filter((c) => c.outcome !== "passed")).toEqual([]);
    expect(checks.map((c) => c.name).sort()).toEqual(INTERACTIONS.map((i) => i.description).sort());
  });

  it("should classify every defect of the set as caught or not caught by nature", () => {
    const classified = [...Object.keys(CAUGHT_BY), ...Object.keys(NOT_CAUGHT_BY_NATURE)].sort();
    expect(classified).toEqual(DEFECTS.map((d) => d.id).sort());
  });

  for (const defect of DEFECTS) {
    const expected = CAUGHT_BY[defect.id];
    if (expected) {
      it(`should fail on a provider that ${defect.description}, naming the interaction`, () => {
        const failed = failedNames(defect.id);
        expect(failed).toEqual(expect.arrayContaining([...expected]));
        const failures = (results.get(defect.id) ?? []).filter((c) => c.outcome === "failed");
        for (const check of failures) {
          expect(check.detail, check.name).toMatch(/\S/);
          // Pact's verdict stands; replayed, it is told deterministic or flaky.
          expect(check.stability, check.name).toMatch(/^(deterministic|flaky \(\d of 3\))$/);
        }
        // Sent again and judged by the rules, the failures name the rule the defect breaks.
        expect(failures.flatMap((c) => (c.rules ?? []).map((r) => r.id))).toContain(defect.rule);
      });
    } else {
      it(`cannot catch a provider that ${defect.description} (${NOT_CAUGHT_BY_NATURE[defect.id]})`, () => {
        expect(failedNames(defect.id)).toEqual([]);
      });
    }
  }
});
