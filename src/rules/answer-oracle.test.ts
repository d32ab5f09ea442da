import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  describeDocAnswers,
  type Finding,
  judgeAnswer,
  namesErrorCode,
  type ObservedAnswer,
  specExpectation,
} from "./answer-oracle.js";
import type { RequestFacts } from "./request-facts.js";
import { RULE_IDS, RULES, ruleOf } from "./rule-catalog.js";
import { OPEN_SESSION_PATH, openapiSpec } from "./spec.js";
import { DOC_POLICY, parseRuleOverride, sortFindings, verdictOf } from "./verdict-policy.js";

const JSON_TYPE = { "content-type": "application/json" };

function reply(status: number, body: unknown, headers: Record<string, string> = JSON_TYPE): ObservedAnswer {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { ok: true, status, headers, text, json };
}

const SESSION = {
  id: "ses_abc123",
  code: "D4E5F6",
  status: "OPEN",
  type: "SESSION_DEFAULT",
  createdAt: "2026-06-09T12:00:00.000Z",
};
const error = (status: number, code: string, headers: Record<string, string> = JSON_TYPE) =>
  reply(status, { code, message: "m" }, headers);
const UNAUTHORIZED = error(401, "unauthorized", { ...JSON_TYPE, "www-authenticate": "Bearer" });

const rules = (findings: readonly Finding[]): string[] => findings.map((f) => f.rule);

describe("the rule catalogue", () => {
  it("gives every rule an id, a basis and a text, and every doc rule a quote", () => {
    expect(RULE_IDS.length).toBeGreaterThan(20);
    expect(new Set(RULE_IDS).size).toBe(RULE_IDS.length);
    for (const id of RULE_IDS) {
      const rule = ruleOf(id);
      expect(["doc", "assumption"]).toContain(rule.basis);
      expect(rule.text.length).toBeGreaterThan(20);
      if (rule.basis === "doc") expect(rule.quote, id).toMatch(/\S/);
    }
  });

  it("names only known assumption rules in the spec's x-assumption fields", () => {
    const named: string[] = [];
    const walk = (value: unknown): void => {
      if (typeof value !== "object" || value === null) return;
      for (const [key, v] of Object.entries(value)) {
        if (key === "x-assumption") named.push(...(Array.isArray(v) ? v : [v]));
        else walk(v);
      }
    };
    walk(openapiSpec);
    expect(named.length).toBeGreaterThan(10);
    for (const id of named) expect(RULES[id as keyof typeof RULES]?.basis, id).toBe("assumption");
  });

  it("are each named in the README's assumptions, so the doc a team reads stays the spec's", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const section = readme.slice(readme.indexOf("## Assumptions"), readme.indexOf("## Development"));
    for (const id of RULE_IDS.filter((rule) => ruleOf(rule).basis === "assumption"))
      expect(section, id).toContain(`\`${id}\``);
  });

  it("keeps the operation's rules in the spec the client, provider and stages read", () => {
    expect(openapiSpec.paths[OPEN_SESSION_PATH].post["x-rules"].length).toBe(RULE_IDS.length);
  });
});

describe("judgeAnswer: a provider that answers as the spec says", () => {
  it.each<[string, RequestFacts, ObservedAnswer]>([
    ["a shared code", {}, reply(200, SESSION)],
    ["an unshared code", { code: "unshared" }, error(400, "invalid_code")],
    ["an expired code", { code: "expired" }, error(400, "invalid_code")],
    ["a code of another length", { code: "wrong-length" }, error(400, "invalid_code")],
    ["a lower-case code", { code: "bad-alphabet" }, error(400, "invalid_code")],
    ["a near miss of a shared code", { code: "near-miss" }, error(400, "invalid_code")],
    ["no token", { auth: "missing", code: "unshared" }, UNAUTHORIZED],
    ["a bad token with a bad body", { auth: "invalid", body: "not-json" }, UNAUTHORIZED],
    ["text/plain", { media: "other" }, error(415, "unsupported_media_type")],
    ["a large body", { tooLarge: true }, error(413, "payload_too_large")],
    ["a wrong type", { type: "wrong" }, error(400, "invalid_request")],
    ["a GET", { route: "other-method" }, error(405, "method_not_allowed", { ...JSON_TYPE, allow: "POST" })],
    ["an unknown path", { route: "unknown-path" }, error(404, "not_found")],
    ["a reused code, refused", { code: "reused" }, error(400, "invalid_code")],
    ["a reused code, taken", { code: "reused" }, reply(200, SESSION)],
  ])("finds nothing for %s", (_name, facts, observed) => {
    expect(judgeAnswer(observed, facts)).toEqual([]);
  });
});

describe("judgeAnswer: a provider that follows the doc but not the spec's assumptions", () => {
  it.each<[string, RequestFacts, ObservedAnswer, string]>([
    ["takes text/plain", { media: "other" }, reply(200, SESSION), "unsupported-media-type-415"],
    [
      "refuses text/plain with another status",
      { media: "other" },
      error(400, "invalid_request"),
      "unsupported-media-type-415",
    ],
    ["answers GET with 404", { route: "other-method" }, error(404, "not_found"), "method-not-allowed-405"],
    ["takes a 64 KiB body", { tooLarge: true }, reply(200, SESSION), "payload-too-large-413"],
    [
      "names the code in another body shape",
      { code: "unshared" },
      reply(400, { error: { code: "invalid_code" } }),
      "error-body-shape",
    ],
    [
      "takes a lower-case code as its upper case",
      { code: "near-miss" },
      reply(200, SESSION),
      "code-no-normalisation",
    ],
    ["answers a wrong type 422", { type: "wrong" }, error(422, "invalid_type"), "invalid-request-400"],
    [
      "checks the body before the token",
      { auth: "invalid", code: "wrong-length" },
      error(400, "invalid_code"),
      "auth-before-body",
    ],
    [
      "gives createdAt without milliseconds",
      {},
      reply(200, { ...SESSION, createdAt: "2026-06-09T12:00:00Z" }),
      "created-at-form",
    ],
    [
      "gives bare UUID ids",
      {},
      reply(200, { ...SESSION, id: "6f1c2f9e-1d2b-4a8e-9d33-0a5e1c7b8f10" }),
      "session-id-form",
    ],
    [
      "serves JSON as text/plain",
      { code: "unshared" },
      error(400, "invalid_code", { "content-type": "text/plain" }),
      "json-media-type",
    ],
    [
      "leaves WWW-Authenticate out",
      { auth: "missing" },
      error(401, "unauthorized"),
      "www-authenticate-bearer",
    ],
    [
      "checks the type before a bad code",
      { type: "wrong", code: "bad-alphabet" },
      error(400, "invalid_request"),
      "check-order",
    ],
    [
      "checks a body that is not JSON before the token",
      { auth: "invalid", body: "not-json" },
      error(400, "invalid_code"),
      "auth-before-body",
    ],
    [
      "refuses a payee-info object it does not know",
      { payeeInfo: "object" },
      error(400, "invalid_request"),
      "payee-info-free-form",
    ],
    [
      "refuses a large body with 400",
      { tooLarge: true },
      error(400, "invalid_request"),
      "payload-too-large-413",
    ],
  ])("%s: a finding on an assumption only", (_name, facts, observed, rule) => {
    const findings = judgeAnswer(observed, facts);
    expect(rules(findings)).toContain(rule);
    expect(findings.filter((f) => f.basis === "doc")).toEqual([]);
    expect(sortFindings(findings, DOC_POLICY).failures).toEqual([]);
    expect(sortFindings(findings, { policy: "spec", overrides: {} }).failures.length).toBeGreaterThan(0);
  });
});

describe("judgeAnswer: a provider that breaks the doc", () => {
  it.each<[string, RequestFacts, ObservedAnswer, string]>([
    ["opens a session with 201", {}, reply(201, SESSION), "success-200-session"],
    ["leaves createdAt out", {}, reply(200, { ...SESSION, createdAt: undefined }), "success-200-session"],
    [
      "answers createdAt as a number",
      {},
      reply(200, { ...SESSION, createdAt: 1_780_000_000_000 }),
      "success-200-session",
    ],
    ["answers status ACTIVE", {}, reply(200, { ...SESSION, status: "ACTIVE" }), "success-200-session"],
    ["answers a number as id", {}, reply(200, { ...SESSION, id: 1234 }), "success-200-session"],
    ["refuses a shared code", {}, error(400, "invalid_code"), "success-200-session"],
    ["opens a session for an unshared code", { code: "unshared" }, reply(200, SESSION), "invalid-code-400"],
    [
      "opens a session for a code of another length",
      { code: "wrong-length" },
      reply(200, SESSION),
      "invalid-code-400",
    ],
    ["renames invalid_code", { code: "unshared" }, error(400, "bad_code"), "invalid-code-400"],
    [
      "answers an error as plain text",
      { code: "expired" },
      reply(400, "Bad Request", { "content-type": "text/plain" }),
      "invalid-code-400",
    ],
    ["takes a missing token", { auth: "missing" }, reply(200, SESSION), "auth-401-unauthorized"],
    ["answers a bad token 403", { auth: "invalid" }, error(403, "forbidden"), "auth-401-unauthorized"],
    ["answers a valid token 401", { type: "wrong" }, error(401, "unauthorized"), "auth-401-unauthorized"],
    [
      "answers a bad token with a bad body 401 naming nothing",
      { auth: "invalid", body: "not-json" },
      reply(401, { error: "nope" }),
      "auth-401-unauthorized",
    ],
    [
      "crashes",
      { code: "not-string" },
      reply(500, "<pre>TypeError</pre>", { "content-type": "text/html" }),
      "no-server-error",
    ],
    ["opens a session for a wrong type", { type: "wrong" }, reply(200, SESSION), "type-session-default"],
    ["opens a session for a GET", { route: "other-method" }, reply(200, SESSION), "open-session-route"],
  ])("%s: a finding on a doc rule", (_name, facts, observed, rule) => {
    const findings = judgeAnswer(observed, facts);
    expect(rules(findings)).toContain(rule);
    expect(ruleOf(rule as never).basis).toBe("doc");
    expect(sortFindings(findings, DOC_POLICY).failures.length).toBeGreaterThan(0);
  });

  it("finds a session id given twice", () => {
    const sessionIds = new Set<string>();
    expect(judgeAnswer(reply(200, SESSION), {}, { sessionIds })).toEqual([]);
    expect(rules(judgeAnswer(reply(200, SESSION), {}, { sessionIds }))).toEqual(["session-id-unique"]);
  });

  it("finds a request with no answer", () => {
    expect(judgeAnswer({ ok: false, cause: "timeout" }, {})).toEqual([
      { rule: "well-formed-http", basis: "doc", message: "no answer: timeout" },
    ]);
  });
});

describe("what the rules expect", () => {
  it("gives the spec's one answer by the order of checks", () => {
    expect(specExpectation({ auth: "invalid", code: "wrong-length", media: "other" })).toEqual({
      accept: [{ status: 401, errorCode: "unauthorized" }],
      rule: "auth-401-unauthorized",
    });
    expect(specExpectation({ type: "wrong", code: "unshared" }).accept).toEqual([
      { status: 400, errorCode: "invalid_request" },
    ]);
    expect(specExpectation({ code: "reused" }).accept).toHaveLength(2);
  });

  it("says what the doc allows in words", () => {
    expect(describeDocAnswers({ media: "other" })).toBe("200 with a session or any 4xx");
    expect(describeDocAnswers({ auth: "missing", code: "unshared" })).toBe(
      "401 naming unauthorized or 400 naming invalid_code",
    );
  });

  it("finds an error code named in any JSON shape or word of text, and not a longer word", () => {
    expect(namesErrorCode(reply(400, { errors: [{ reason: "invalid_code" }] }), "invalid_code")).toBe(true);
    expect(namesErrorCode(reply(400, "error=invalid_code", {}), "invalid_code")).toBe(true);
    expect(namesErrorCode(reply(400, "invalid_codes", {}), "invalid_code")).toBe(false);
  });
});

describe("the verdict policy", () => {
  it("fails doc rules and warns on assumptions under doc, fails both under spec", () => {
    expect(verdictOf("invalid-code-400", DOC_POLICY)).toBe("fail");
    expect(verdictOf("unsupported-media-type-415", DOC_POLICY)).toBe("warn");
    expect(verdictOf("unsupported-media-type-415", { policy: "spec", overrides: {} })).toBe("fail");
  });

  it("lets a rule be overridden by id", () => {
    const policy = {
      policy: "doc" as const,
      overrides: { "json-media-type": "fail" as const, "no-server-error": "off" as const },
    };
    expect(verdictOf("json-media-type", policy)).toBe("fail");
    expect(verdictOf("no-server-error", policy)).toBe("off");
    expect(parseRuleOverride("json-media-type=fail")).toEqual(["json-media-type", "fail"]);
    expect(parseRuleOverride("json-media=fail")).toMatch(/names no rule: "json-media"/);
    expect(parseRuleOverride("json-media-type")).toMatch(/expects RULE=off\|warn\|fail/);
  });
});
