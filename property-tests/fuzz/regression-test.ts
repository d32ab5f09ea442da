/**
 * A failure as a ready vitest regression test: a stand-alone file (vitest only, no bleepay-qa
 * import) that replays the failing run's provider states and requests against `BLEEPAY_BASE_URL`
 * with `BLEEPAY_TOKEN`, and asserts what the run's verdict policy requires: what the API doc allows
 * (`--rules doc`), or the spec's exact answers and forms too (`--rules spec`). A team drops it into
 * its suite so the case stays pinned after the fix.
 */

import {
  AUTH_SCHEME,
  docExpectation,
  OPEN_SESSION_PATH,
  openapiSpec,
  specExpectation,
} from "../../src/rules/index.js";
import { PROVIDER_STATES_PATH } from "../../src/rules/provider-states.js";
import { authorizationJs } from "../arbitraries/authorization.js";
import type { PropertyFailure } from "./run-property.js";
import type { RequestStep, TraceStep } from "./trace.js";

/** What the file says about its origin. */
export interface RegressionSource {
  readonly propertyId: string;
  readonly propertyName: string;
  readonly failure: PropertyFailure;
  /** Whether the run held the provider to the spec's assumptions too (`--rules spec`). */
  readonly strict: boolean;
}

const q = (text: string): string => JSON.stringify(text);

/** The Session schema's rules, read from the spec, as `[field, pattern | enum values]`. */
function sessionRules(): string {
  const schemas = openapiSpec.components.schemas as unknown as Record<string, Record<string, unknown>>;
  const session = schemas.Session as {
    required: string[];
    properties: Record<string, Record<string, unknown>>;
  };
  const rules = session.required.map((field) => {
    let schema = session.properties[field] ?? {};
    const ref = schema.$ref;
    if (typeof ref === "string") schema = schemas[ref.split("/").pop() ?? ""] ?? {};
    const pattern = typeof schema.pattern === "string" ? schema.pattern : undefined;
    const values = Array.isArray(schema.enum) ? (schema.enum as string[]) : undefined;
    return { field, pattern, values };
  });
  return JSON.stringify(rules);
}

function headersJs(step: RequestStep): string {
  const auth =
    step.auth.kind === "real" ? `${q(`${AUTH_SCHEME} `)} + token` : authorizationJs(step.auth.recipe);
  return `{ "content-type": ${q(step.contentType)}${auth === undefined ? "" : `, authorization: ${auth}`} }`;
}

/** The arguments of `expectAnswer` for a step: the doc's expectation and the spec's answers. */
const expectJs = (step: RequestStep): string =>
  `${JSON.stringify(docExpectation(step.facts))}, ${JSON.stringify(specExpectation(step.facts).accept)}`;

/** The steps worth replaying: up to the first failing request (its whole burst included). */
function stepsToReplay(steps: readonly TraceStep[]): TraceStep[] {
  const failing = steps.findIndex((s) => s.kind === "request" && s.problems.length > 0);
  if (failing === -1) return [...steps];
  const group = (steps[failing] as RequestStep).group;
  let end = failing;
  while (group !== undefined && end + 1 < steps.length) {
    const next = steps[end + 1] as TraceStep;
    if (next.kind !== "request" || next.group !== group) break;
    end++;
  }
  return steps.slice(0, end + 1);
}

function bodyLines(steps: readonly TraceStep[]): string[] {
  const lines: string[] = [];
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i] as TraceStep;
    if (step.kind === "state") {
      lines.push(`  const ${step.binding} = await providerState(${q(step.state)});`);
      continue;
    }
    if (step.group === undefined) {
      lines.push(
        `  expectAnswer(await openSession(${headersJs(step)}, ${step.body.js}), ${expectJs(step)});`,
      );
      continue;
    }
    const burst: RequestStep[] = [];
    while (i < steps.length) {
      const s = steps[i] as TraceStep;
      if (s.kind !== "request" || s.group !== step.group) break;
      burst.push(s);
      i++;
    }
    i--;
    lines.push("  const burst = await Promise.all([");
    for (const s of burst) lines.push(`    openSession(${headersJs(s)}, ${s.body.js}),`);
    lines.push("  ]);");
    burst.forEach((s, n) => {
      lines.push(`  expectAnswer(burst[${n}] as Answer, ${expectJs(s)});`);
    });
    if (burst.some((s) => s.facts.code === "reused")) {
      lines.push(
        '  expect(burst.some((a) => a.status === 200), "at least one open of the burst succeeds").toBe(true);',
      );
    }
  }
  return lines;
}

/** The file name of a regression test: `<property>-<seed>.test.ts`. */
export function regressionFileName(propertyId: string, seed: number): string {
  return `${propertyId}-${seed}.test.ts`;
}

/** Renders the regression test of a failure. */
export function renderRegressionTest({
  propertyId,
  propertyName,
  failure,
  strict,
}: RegressionSource): string {
  const steps = stepsToReplay(failure.trace.steps);
  const needsStates = steps.some((s) => s.kind === "state");
  const replay = `bleepay-qa fuzz --seed ${failure.seed} --property ${propertyId} --path ${failure.path}`;
  return `/**
 * Regression test written by \`bleepay-qa fuzz\`: ${propertyName}.
 *
 * Counterexample: ${failure.counterexample.replaceAll("*/", "* /")}
 * Found: ${failure.problems.join("; ").replaceAll("*/", "* /")}
 * Replay the fuzzer's case: ${replay}
 *
 * Run against a provider:
 *   BLEEPAY_BASE_URL=http://127.0.0.1:8080 BLEEPAY_TOKEN=... ${needsStates ? `BLEEPAY_STATE_SETUP_URL=http://127.0.0.1:8080${PROVIDER_STATES_PATH} ` : ""}npx vitest run <this file>
 * Skipped when BLEEPAY_BASE_URL or BLEEPAY_TOKEN is not set.
 */
import { expect, it } from "vitest";

const baseUrl = (process.env.BLEEPAY_BASE_URL ?? "").replace(/\\/+$/, "");
const token = process.env.BLEEPAY_TOKEN ?? "";
// Default: where the reference provider serves Pact's state-change endpoint.
const stateSetupUrl = process.env.BLEEPAY_STATE_SETUP_URL ?? \`\${baseUrl}${PROVIDER_STATES_PATH}\`;
const SESSION_RULES: { field: string; pattern?: string; values?: string[] }[] = ${sessionRules()};

interface Answer {
  status: number;
  contentType: string;
  wwwAuthenticate: string | null;
  text: string;
  json: unknown;
}

async function providerState(state: string): Promise<string> {
  const response = await fetch(stateSetupUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ state, params: {}, action: "setup" }),
  });
  const values = (await response.json()) as { code?: unknown };
  if (!response.ok || typeof values.code !== "string") throw new Error(\`provider state "\${state}" failed at \${stateSetupUrl}\`);
  return values.code;
}

async function openSession(headers: Record<string, string>, body: string): Promise<Answer> {
  const response = await fetch(\`\${baseUrl}${OPEN_SESSION_PATH}\`, { method: "POST", headers, body });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return {
    status: response.status,
    contentType: response.headers.get("content-type") ?? "",
    wwwAuthenticate: response.headers.get("www-authenticate"),
    text,
    json,
  };
}

const sessionIds: string[] = [];

// --rules ${strict ? "spec" : "doc"}: ${strict ? "the spec's exact answers and forms are required too" : "what the API doc allows is enough"}.
const STRICT = ${strict};

function namesCode(answer: Answer, code: string): boolean {
  const search = (value: unknown): boolean =>
    value === code || (typeof value === "object" && value !== null && Object.values(value).some(search));
  return answer.json !== undefined ? search(answer.json) : new RegExp(\`(^|[^A-Za-z0-9_])\${code}([^A-Za-z0-9_]|$)\`).test(answer.text);
}

function expectAnswer(
  answer: Answer,
  doc: { success: boolean; named: { status: number; names: string }[]; any4xx: boolean },
  spec: { status: number; errorCode?: string }[],
): void {
  const code = (answer.json as { code?: unknown } | undefined)?.code;
  const got = \`\${answer.status} \${String(code)}: \${answer.text.slice(0, 200)}\`;
  expect(answer.status, got).toBeLessThan(500);
  const allowedByDoc =
    (answer.status === 200 && doc.success) ||
    (answer.status >= 400 && answer.status < 500 &&
      (doc.any4xx || doc.named.some((n) => n.status === answer.status && namesCode(answer, n.names))));
  expect(allowedByDoc, \`the API doc does not allow \${got}\`).toBe(true);
  if (STRICT) {
    expect(spec.some((a) => a.status === answer.status && (a.errorCode === undefined || a.errorCode === code)), got).toBe(true);
    expect(answer.contentType).toMatch(/^application\\/json\\s*(;|$)/i);
    if (answer.status === 401) expect(answer.wwwAuthenticate ?? "").toMatch(/^${AUTH_SCHEME}\\b/i);
  }
  if (answer.status === 200) {
    const session = answer.json as Record<string, unknown>;
    for (const rule of SESSION_RULES) {
      const value = session[rule.field];
      expect(typeof value, rule.field).toBe("string");
      if (rule.values) expect(rule.values, rule.field).toContain(value);
      if (STRICT && rule.pattern) expect(value, rule.field).toMatch(new RegExp(rule.pattern));
    }
    expect(sessionIds, "session ids are unique").not.toContain(session.id);
    sessionIds.push(String(session.id));
  }
}

it.skipIf(!baseUrl || !token)(${q(`${propertyName} (seed ${failure.seed}, path ${failure.path})`)}, async () => {
${bodyLines(steps).join("\n")}
}, 30_000);
`;
}
