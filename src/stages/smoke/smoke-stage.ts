/**
 * The smoke stage: the doc's request example and one request for each answer the spec defines
 * (smoke-cases.ts), each answer judged by the answer oracle. A finding on a doc rule fails its
 * check; one on an assumption fails it under `--rules spec` and is a deviation under `--rules doc`.
 * A failing case is sent again (with fresh provider state) to tell a deterministic failure from a
 * flaky one.
 */
import { sendRequest } from "../../http/send-request.js";
import {
  AUTH_SCHEME,
  describeAnswers,
  judgeAnswer,
  OPEN_SESSION_PATH,
  type RequestFacts,
  specExpectation,
} from "../../rules/index.js";
import { createStateSetupClient, type StateSetupClient } from "../../state-setup/index.js";
import { toCurl } from "../../util/curl.js";
import { answerKey, createCoverageTally } from "../coverage.js";
import { requestTimeoutOption } from "../request-timeout.js";
import { type CheckResult, defineStage, overallOutcome, type StageContext } from "../stage.js";
import { checkOf, judge, replayFailure } from "../verdict.js";
import { SMOKE_CASES, type SmokeCase, unsharedCode } from "./smoke-cases.js";

/** What one send of a case gave: its check, and how many findings were deviations. */
interface CaseRun {
  readonly check: CheckResult;
  readonly failed: boolean;
  readonly deviations: number;
}

/** The facts a case is judged by, given whether the target has provider states. */
const factsOf = (c: SmokeCase, states: StateSetupClient | undefined): RequestFacts =>
  !states && c.withoutStates ? c.withoutStates : c.facts;

/** The case's name with the answer the spec expects for it. */
const checkName = (c: SmokeCase, facts: RequestFacts): string =>
  `${c.name}: ${describeAnswers(specExpectation(facts).accept)}`;

async function codeFor(c: SmokeCase, states: StateSetupClient | undefined): Promise<string> {
  if (c.needs === "shared" && states) return states.sharedCode();
  if (c.needs === "expired" && states) return states.expiredCode();
  return unsharedCode();
}

/** Sends a case once and judges its answer. */
async function runCase(
  c: SmokeCase,
  states: StateSetupClient | undefined,
  timeoutMs: number,
  sessionIds: Set<string>,
  { target, reportsDir, policy, signal }: StageContext,
): Promise<CaseRun> {
  const facts = factsOf(c, states);
  const name = checkName(c, facts);
  const url = `${target.baseUrl}${OPEN_SESSION_PATH}`;
  const request = c.request({ url, auth: `${AUTH_SCHEME} ${target.token}`, code: await codeFor(c, states) });
  const answer = await sendRequest(request, { timeoutMs, signal });
  const reproduce = toCurl(request, { realToken: target.token, bodyDir: reportsDir });
  const judgement = judge(judgeAnswer(answer, facts, { sessionIds }), policy);
  // No answer at all: say where from.
  const problems = answer.ok
    ? judgement.problems
    : judgement.problems.map((p) => p.replace(/^no answer/, `no answer from ${request.url}`));
  const check = checkOf(name, { ...judgement, problems }, { reproduce });
  return { check, failed: check.outcome === "failed", deviations: judgement.deviations.length };
}

/** The smoke stage. */
export const smokeStage = defineStage({
  name: "smoke",
  summary: "Send the doc's example and one request per error-table row; judge each answer by the rules",
  help: `
Sends the doc's example request (with a code from the provider-state endpoint) and one request
for each answer the spec defines (400 invalid_code and invalid_request, 401, 404, 405, 413, 415),
and judges each answer by the rules: its status, error code, headers and body. A finding on a rule
the API doc states fails its check; one on an assumption the spec made where the doc is silent is
a deviation under --rules doc (the default) and a failure under --rules spec. A failing request is
sent twice more (with fresh provider state) and reported as deterministic or flaky (k of 3).
Without a state-setup URL, the checks that need a shared code use an unshared one or are not run.
A request without an answer within --timeout fails its check; a provider-state call without one
stops the stage (exit 2), naming the state-setup URL.

Examples:
  bleepay-qa smoke
  bleepay-qa smoke --rules spec
  bleepay-qa smoke --timeout 2s
  bleepay-qa smoke --base-url https://staging.example --token "$BLEEPAY_TOKEN" \\
    --state-setup-url https://staging.example/_pact/provider-states`,
  options: {
    timeout: requestTimeoutOption(
      "Per-request timeout, of the provider-state calls too; a request without an answer fails its check",
    ),
  },
  settings: ({ timeout }) => ({ timeoutMs: timeout }),
  async run({ timeoutMs }, context) {
    const started = performance.now();
    const { target, signal, policy } = context;
    const states = target.stateSetupUrl
      ? createStateSetupClient({ url: target.stateSetupUrl, timeoutMs })
      : undefined;
    const coverage = createCoverageTally();
    // Every session the run opens must get an id of its own.
    const sessionIds = new Set<string>();
    // The cases are independent, so they run side by side: against a target that answers too
    // slowly, smoke ends after about one --timeout rather than one per case.
    const checkCase = async (c: SmokeCase): Promise<CheckResult | undefined> => {
      if (signal.aborted) return undefined;
      const facts = factsOf(c, states);
      if (c.needs && !states && !c.withoutStates) {
        return {
          name: checkName(c, facts),
          outcome: "not-run",
          detail: `needs ${c.needs === "shared" ? "a shared" : "an expired"} code: give --state-setup-url`,
        };
      }
      const first = await runCase(c, states, timeoutMs, sessionIds, context);
      const spec = specExpectation(facts).accept[0] ?? { status: 200 };
      coverage.add("smoke", answerKey(spec.status, spec.errorCode), first.check.outcome, 1, first.deviations);
      if (!first.failed) return first.check;
      const stability = await replayFailure(
        async () => (await runCase(c, states, timeoutMs, sessionIds, context)).failed,
        {
          signal,
        },
      );
      return { ...first.check, stability };
    };
    const results = await Promise.all(SMOKE_CASES.map(checkCase));
    const checks = results.filter((c): c is CheckResult => c !== undefined);
    const count = (outcome: string): number => checks.filter((c) => c.outcome === outcome).length;
    const deviations = checks.reduce((n, c) => n + (c.deviations?.length ?? 0), 0);
    return {
      stage: "smoke",
      outcome: overallOutcome(checks),
      rules: policy.policy,
      summary: `${count("passed")} passed, ${count("failed")} failed${count("not-run") ? `, ${count("not-run")} not run` : ""}${deviations ? `; ${deviations} deviation(s) from assumptions` : ""}`,
      checks,
      figures: { checks: checks.length, failed: count("failed"), deviations },
      coverage: coverage.cells(),
      durationMs: performance.now() - started,
    };
  },
});
