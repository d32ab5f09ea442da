/**
 * Bad input: a spec that cannot be read is one line naming the file and why, never a stack trace
 * and never a finding.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../test-support/run-cli.js";
import { checkSpecDocument, loadSpecFile } from "./load-spec.js";
import { DiffInputError } from "./spec-load-error.js";

const FIXTURES = join(REPO_ROOT, "src", "diff", "fixtures");
const work = mkdtempSync(join(tmpdir(), "bleepay-diff-load-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function failure(file: string): Promise<DiffInputError> {
  const error = await loadSpecFile(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DiffInputError)) throw new Error(`expected a DiffInputError, got ${String(error)}`);
  expect(error.message).not.toContain("\n");
  expect(error.message.startsWith(`${file}: `)).toBe(true);
  return error;
}

describe("loadSpecFile", () => {
  it("should read the project's own spec and find Open Session", async () => {
    const spec = await loadSpecFile(join(REPO_ROOT, "openapi", "bleepay-vouchers.yaml"));
    expect(`${spec.operation.method} ${spec.operation.path}`).toBe(
      "POST /api/v1/vouchers/sessions/session-open",
    );
    expect(spec.operation.responses.map((r) => r.key)).toContain("401");
  });

  it.each([
    ["a missing file", join(work, "nope.yaml"), /no such file/],
    ["a folder", work, /is a folder/],
    ["a spec without Open Session", join(FIXTURES, "no-open-session.yaml"), /has no Open Session operation/],
  ])("should refuse %s in one line naming the file", async (_name, file, reason) => {
    expect((await failure(file)).reason).toMatch(reason);
  });

  it("should refuse invalid YAML, naming the line", async () => {
    const file = join(work, "invalid.yaml");
    writeFileSync(file, "openapi: 3.1.0\npaths:\n  /x:\n    post: [unclosed\n");
    expect((await failure(file)).reason).toMatch(/^not valid YAML or JSON: .*line \d+/);
  });

  it("should refuse a document that is not OpenAPI 3.1", async () => {
    const file = join(work, "swagger.json");
    writeFileSync(file, JSON.stringify({ openapi: "3.0.3", info: { title: "x", version: "1" }, paths: {} }));
    expect((await failure(file)).reason).toMatch(/OpenAPI 3\.0\.3: bleepay-qa diff reads OpenAPI 3\.1/);
    writeFileSync(file, "[1, 2]");
    expect((await failure(file)).reason).toMatch(/not an OpenAPI document/);
  });

  it("should refuse a $ref outside the file or to nothing, naming where it is", () => {
    const doc = (ref: string) => ({
      openapi: "3.1.0",
      paths: {
        "/api/v1/vouchers/sessions/session-open": {
          post: { operationId: "openSession", requestBody: { $ref: ref }, responses: {} },
        },
      },
    });
    expect(() => checkSpecDocument("x.yaml", doc("other.yaml#/components/requestBodies/R"))).toThrow(
      /points outside the file/,
    );
    expect(() => checkSpecDocument("x.yaml", doc("#/components/requestBodies/Missing"))).toThrow(
      /x\.yaml: the \$ref "#\/components\/requestBodies\/Missing" at \/paths\/~1api~1v1~1vouchers~1sessions~1session-open\/post\/requestBody points to nothing/,
    );
  });

  it("should find Open Session by its operation id when the path moved", () => {
    const spec = checkSpecDocument("x.yaml", {
      openapi: "3.1.0",
      paths: { "/v2/open": { post: { operationId: "openSession", responses: {} } } },
    });
    expect(spec.operation.path).toBe("/v2/open");
  });
});
