/**
 * The proof of `bleepay-qa diff`: pairs of spec versions, each an edit of the project's own spec,
 * with the findings (severity and pointer) and the consumer interactions expected. The expected
 * findings are the whole list: a breaking finding nobody expected fails the pair, so false
 * breaking findings stay at zero. Every witness is re-checked here, apart from the diff's own
 * oracle, with a fresh Ajv per version: a request body valid under the old spec and invalid under
 * the new one, an answer body the other way round.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import {
  expiredCode,
  malformedCode,
  missingAuthorization,
  openSessionSharedCode,
  openSessionWithPayeeInfo,
  unknownToken,
  unsharedCode,
} from "../../contracts/interactions/index.js";
import { REPO_ROOT } from "../../test-support/run-cli.js";
import { writeContractPactsOrThrow } from "../../test-support/write-contract-pacts.js";
import type { Finding } from "./compare-specs.js";
import type { DiffReport } from "./diff-report.js";
import { pointerOf, valueAt } from "./json-pointer.js";
import { checkSpecDocument } from "./load-spec.js";
import { runDiff } from "./run-diff.js";
import { SpecOracle } from "./spec-oracle.js";

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
const BASE_FILE = join(REPO_ROOT, "openapi", "bleepay-vouchers.yaml");
const PATH = "/api/v1/vouchers/sessions/session-open";
const OP = pointerOf(["paths", PATH, "post"]);
const S = "/components/schemas";

// biome-ignore lint/suspicious/noExplicitAny: the pairs edit a parsed YAML document freely.
type Doc = any;

/** One pair: an edit of the project's spec and what the diff must say about it. */
interface SpecPair {
  readonly name: string;
  readonly edit: (doc: Doc) => void;
  /** Every finding expected, as `severity pointer` (pointers into head unless `base#`). */
  readonly findings: readonly string[];
  /** The interactions of the payee app's pact broken by the change. */
  readonly broken: readonly string[];
}

const PAIRS: readonly SpecPair[] = [
  {
    name: "the context code lengthened to 8",
    edit: (d) =>
      Object.assign(d.components.schemas.ContextCode, {
        minLength: 8,
        maxLength: 8,
        pattern: "^[A-Z0-9]{8}$",
      }),
    findings: [`breaking ${S}/ContextCode`],
    broken: [openSessionSharedCode.description, openSessionWithPayeeInfo.description],
  },
  {
    name: "a new required request field",
    edit: (d) => {
      d.components.schemas.OpenSessionRequest.properties.currency = { type: "string", enum: ["EUR", "USD"] };
      d.components.schemas.OpenSessionRequest.required.push("currency");
    },
    findings: [`breaking ${S}/OpenSessionRequest/properties/currency`],
    broken: [openSessionSharedCode.description, openSessionWithPayeeInfo.description],
  },
  {
    name: "a new optional request field",
    edit: (d) => {
      d.components.schemas.OpenSessionRequest.properties.currency = { type: "string", enum: ["EUR", "USD"] };
    },
    findings: [`non-breaking ${S}/OpenSessionRequest/properties/currency`],
    broken: [],
  },
  {
    name: "a new optional response field",
    edit: (d) => {
      d.components.schemas.Session.properties.expiresAt = { type: "string", format: "date-time" };
    },
    findings: [`non-breaking ${S}/Session/properties/expiresAt`],
    broken: [],
  },
  {
    name: "a new value in the response's status enum",
    edit: (d) => d.components.schemas.SessionStatus.enum.push("PENDING"),
    findings: [`breaking ${S}/SessionStatus`],
    broken: [],
  },
  {
    name: "createdAt changed from a date-time string to a number",
    edit: (d) => {
      d.components.schemas.Session.properties.createdAt = {
        type: "number",
        description: "Epoch milliseconds.",
      };
    },
    findings: [`breaking ${S}/Session/properties/createdAt`],
    broken: [openSessionSharedCode.description, openSessionWithPayeeInfo.description],
  },
  {
    name: "an error code renamed (invalid_code → invalid_context_code)",
    edit: (d) => {
      d.components.schemas.BadRequestError.allOf[1].properties.code.enum = [
        "invalid_context_code",
        "invalid_request",
      ];
    },
    findings: [`breaking ${S}/BadRequestError/allOf/1/properties/code`],
    broken: [malformedCode.description, expiredCode.description, unsharedCode.description],
  },
  {
    name: "the 401 answer removed from the spec",
    edit: (d) => {
      delete d.paths[PATH].post.responses["401"];
    },
    findings: [`info base#${OP}/responses/401`],
    broken: [missingAuthorization.description, unknownToken.description],
  },
  {
    name: "a new required request header",
    edit: (d) => {
      d.paths[PATH].post.parameters = [
        { name: "Idempotency-Key", in: "header", required: true, schema: { type: "string", minLength: 8 } },
      ];
    },
    findings: [`breaking ${OP}/parameters/0`],
    broken: [openSessionSharedCode.description, openSessionWithPayeeInfo.description],
  },
  {
    name: "payeeInfo narrowed from any object to a fixed shape the contract still fits",
    edit: (d) => {
      d.components.schemas.PayeeInfo = {
        type: "object",
        properties: { storeId: { type: "string" }, storeName: { type: "string" } },
        additionalProperties: false,
      };
    },
    findings: [
      `breaking ${S}/PayeeInfo`,
      `breaking ${S}/PayeeInfo/properties/storeId`,
      `breaking ${S}/PayeeInfo/properties/storeName`,
    ],
    broken: [],
  },
  {
    name: "the response id pattern tightened",
    edit: (d) => {
      d.components.schemas.SessionId.pattern = "^ses_[a-z0-9]{3,}$";
    },
    findings: [`non-breaking ${S}/SessionId`],
    broken: [],
  },
  {
    name: "the response id pattern loosened",
    edit: (d) => {
      d.components.schemas.SessionId.pattern = "^[a-z]+_[A-Za-z0-9_-]+$";
    },
    findings: [`breaking ${S}/SessionId`],
    broken: [],
  },
  {
    name: "a description-only change",
    edit: (d) => {
      d.paths[PATH].post.description = "Opens a voucher session.";
      d.components.schemas.Session.properties.createdAt.description = "When the session was opened.";
      d.components.schemas.ContextCode["x-assumption"] = "Reworded.";
    },
    findings: [],
    broken: [],
  },
  {
    name: "the path renamed",
    edit: (d) => {
      d.paths["/api/v2/sessions"] = d.paths[PATH];
      delete d.paths[PATH];
    },
    findings: [`breaking ${pointerOf(["paths", "/api/v2/sessions", "post"])}`],
    broken: [
      openSessionSharedCode.description,
      openSessionWithPayeeInfo.description,
      malformedCode.description,
      expiredCode.description,
      unsharedCode.description,
      missingAuthorization.description,
      unknownToken.description,
    ],
  },
  {
    name: "bearer token replaced by an API key header",
    edit: (d) => {
      d.components.securitySchemes.payeeToken = { type: "apiKey", in: "header", name: "X-Api-Key" };
    },
    findings: ["breaking /security"],
    broken: [openSessionSharedCode.description, openSessionWithPayeeInfo.description],
  },
  {
    name: "the request media type renamed",
    edit: (d) => {
      const content = d.paths[PATH].post.requestBody.content;
      content["application/vnd.bleepay+json"] = content["application/json"];
      delete content["application/json"];
    },
    findings: [
      `breaking base#${OP}/requestBody/content/application~1json`,
      `non-breaking ${OP}/requestBody/content/application~1vnd.bleepay+json`,
    ],
    broken: [],
  },
  {
    name: "a new 409 answer",
    edit: (d) => {
      d.paths[PATH].post.responses["409"] = {
        description: "A session is already open for this code.",
        content: { "application/json": { schema: { $ref: "#/components/schemas/ErrorBody" } } },
      };
    },
    findings: [`breaking ${OP}/responses/409`],
    broken: [],
  },
  {
    name: "WWW-Authenticate no longer required on 401",
    edit: (d) => {
      d.paths[PATH].post.responses["401"].headers["WWW-Authenticate"].required = false;
    },
    findings: [`breaking ${OP}/responses/401/headers/WWW-Authenticate`],
    broken: [],
  },
  {
    name: "a new session type, in requests and answers alike",
    edit: (d) => d.components.schemas.SessionType.enum.push("SESSION_SPLIT"),
    findings: [`breaking ${S}/SessionType`, `non-breaking ${S}/SessionType`],
    broken: [],
  },
  {
    name: "the context code loosened to 6 to 8 characters",
    edit: (d) =>
      Object.assign(d.components.schemas.ContextCode, { maxLength: 8, pattern: "^[A-Z0-9]{6,8}$" }),
    findings: [`non-breaking ${S}/ContextCode`],
    broken: [],
  },
  {
    name: "two changes at once: the code lengthened and a new status",
    edit: (d) => {
      Object.assign(d.components.schemas.ContextCode, {
        minLength: 8,
        maxLength: 8,
        pattern: "^[A-Z0-9]{8}$",
      });
      d.components.schemas.SessionStatus.enum.push("PENDING");
    },
    findings: [`breaking ${S}/ContextCode`, `breaking ${S}/SessionStatus`],
    broken: [openSessionSharedCode.description, openSessionWithPayeeInfo.description],
  },
];

const work = mkdtempSync(join(tmpdir(), "bleepay-diff-pairs-"));
const pactDir = join(work, "pacts");
const baseDoc: Doc = parse(readFileSync(BASE_FILE, "utf8"));

beforeAll(async () => {
  await writeContractPactsOrThrow(pactDir);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A fresh Ajv of one version, apart from the diff's own oracle. */
function freshValidator(doc: Doc): (schemaPointer: string, value: unknown) => boolean {
  const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
  addFormats(ajv);
  ajv.addSchema({ components: doc.components, $id: "https://check.local/spec.json" });
  return (schemaPointer, value) => {
    const schema = valueAt(doc, schemaPointer) as { $ref?: string };
    const ref = schema.$ref ? `https://check.local/spec.json${schema.$ref}` : undefined;
    const validate = ref ? ajv.getSchema(ref) : ajv.compile(schema);
    if (!validate) throw new Error(`no schema at ${schemaPointer}`);
    return validate(value) === true;
  };
}

/** Re-checks a witness against both versions, as the finding claims. */
function expectWitnessHolds(finding: Finding, head: Doc): void {
  const witness = finding.witness;
  if (!witness) throw new Error(`${finding.message}: no witness`);
  const oracles = {
    base: new SpecOracle("base", checkSpecDocument("base", baseDoc)),
    head: new SpecOracle("head", checkSpecDocument("head", head)),
  };
  if (witness.kind === "request") {
    const refusedBy = witness.base.verdict === "refused" ? "base" : "head";
    const acceptedBy = refusedBy === "base" ? "head" : "base";
    if (finding.severity === "breaking") expect(refusedBy).toBe("head");
    expect(oracles[acceptedBy].checkRequest(witness.request).ok).toBe(true);
    expect(oracles[refusedBy].checkRequest(witness.request).ok).toBe(false);
    // A refusal by the body's schema is confirmed by a fresh Ajv of each version.
    const byBody = witness[refusedBy].because?.some((b) => b.startsWith("/") || b.startsWith("(body)"));
    if (byBody) {
      const media = `${OP}/requestBody/content/application~1json/schema`;
      expect(freshValidator(acceptedBy === "base" ? baseDoc : head)(media, witness.request.body)).toBe(true);
      expect(freshValidator(refusedBy === "base" ? baseDoc : head)(media, witness.request.body)).toBe(false);
    }
  } else {
    const forbiddenBy = witness.base.verdict === "forbidden" ? "base" : "head";
    const allowedBy = forbiddenBy === "base" ? "head" : "base";
    if (finding.severity === "breaking") expect(forbiddenBy).toBe("base");
    expect(oracles[allowedBy].checkAnswer(witness.answer).ok).toBe(true);
    expect(oracles[forbiddenBy].checkAnswer(witness.answer).ok).toBe(false);
    const byBody = witness[forbiddenBy].because?.some((b) => b.startsWith("/") || b.startsWith("(body)"));
    if (byBody) {
      const media = `${OP}/responses/${witness.answer.status}/content/application~1json/schema`;
      expect(freshValidator(allowedBy === "base" ? baseDoc : head)(media, witness.answer.body)).toBe(true);
      expect(freshValidator(forbiddenBy === "base" ? baseDoc : head)(media, witness.answer.body)).toBe(false);
    }
  }
}

const summary: string[] = [];

describe("bleepay-qa diff on pairs of spec versions", () => {
  it("has at least 14 pairs", () => expect(PAIRS.length).toBeGreaterThanOrEqual(14));

  it.each(PAIRS)("$name", async (pair) => {
    const head = structuredClone(baseDoc);
    pair.edit(head);
    const headFile = join(work, `${pair.name.replace(/\W+/g, "-")}.yaml`);
    writeFileSync(headFile, stringify(head));
    const report: DiffReport = await runDiff({
      base: BASE_FILE,
      head: headFile,
      pacts: [{ kind: "dir", path: pactDir }],
    });

    const found = report.findings.map((f) => `${f.severity} ${f.spec === "base" ? "base#" : ""}${f.pointer}`);
    expect(found.sort(), report.findings.map((f) => f.message).join("\n")).toEqual([...pair.findings].sort());
    for (const finding of report.findings) {
      if (finding.severity === "breaking") expect(finding.witness, finding.message).not.toBeNull();
      if (finding.severity === "info") expect(finding.reason).toBeTruthy();
      if (finding.witness) expectWitnessHolds(finding, head);
    }
    const [impact] = report.consumerImpact;
    expect(impact?.interactions).toBe(7);
    expect(impact?.alreadyFailing).toEqual([]);
    expect(impact?.broken.map((b) => b.description).sort()).toEqual([...pair.broken].sort());
    expect(report.breaking).toBe(
      pair.findings.some((f) => f.startsWith("breaking")) || pair.broken.length > 0,
    );

    const witness = report.findings.find((f) => f.witness)?.witness;
    summary.push(
      `| ${pair.name} | ${[...new Set(report.findings.map((f) => f.severity))].join(", ") || "no finding"} | ${
        witness
          ? witness.kind === "request"
            ? `request: ${JSON.stringify(witness.request.body)}`
            : `answer ${witness.answer.status}: ${JSON.stringify(witness.answer.body)}`
          : "—"
      } | ${impact?.broken.length ?? 0} of 7 | ${report.durationMs} ms |`,
    );
  });

  afterAll(() => {
    // The table of the pairs, for the record (and the wall time of each, pacts given as a folder).
    process.stdout.write(
      `${["| pair | severity | witness | payee app broken | time |", ...summary].join("\n")}\n`,
    );
  });
});
