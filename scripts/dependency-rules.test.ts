/** The dependency rule holds over the whole project, and the check catches an import that breaks it. */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { describeViolation, findViolations, projectFiles, readImports } from "./dependency-rules.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

describe("the dependency rule", () => {
  const files = projectFiles(root);
  const edges = readImports(root, files);

  it("reads the imports of every folder of the project", () => {
    for (const folder of [
      "src/cli/",
      "src/stages/",
      "src/rules/",
      "contracts/",
      "load/",
      "property-tests/",
    ]) {
      expect(
        edges.some((e) => e.from.startsWith(folder)),
        folder,
      ).toBe(true);
    }
    // Lazy imports count: the CLI loads the provider with import().
    expect(edges).toContainEqual({
      from: "src/cli/target.ts",
      to: "src/provider/create-reference-provider.ts",
    });
  });

  it("holds: no product module imports what its folder may not", () => {
    expect(findViolations(edges).map(describeViolation)).toEqual([]);
  });

  it.each([
    ["a stage importing the CLI", "load/load-stage.ts", "src/cli/cli-error.ts", "only the CLI knows the CLI"],
    [
      "the rules importing a stage",
      "src/rules/spec.ts",
      "load/engine/scenario.ts",
      "the rules derive from the spec alone",
    ],
    [
      "the report layer reading load's files",
      "src/report/run-reports.ts",
      "load/report/hdr-log.ts",
      "reports are drawn from typed results",
    ],
    [
      "a stage starting the reference provider",
      "contracts/verify-stage.ts",
      "src/provider/index.ts",
      "the reference provider is one provider among others",
    ],
    [
      "one stage reaching into another",
      "property-tests/fuzz/fuzz-stage.ts",
      "contracts/pact-dir.ts",
      "stages do not reach into each other",
    ],
    [
      "product code importing test support",
      "src/stages/smoke.ts",
      "test-support/stage-context.ts",
      "product code never depends on test code",
    ],
  ])("catches %s", (_name, from, to, rule) => {
    expect(findViolations([{ from, to }]).map((v) => v.rule.name)).toContain(rule);
  });

  it("lets tests reach into anything they exercise", () => {
    expect(findViolations([{ from: "load/load-command.test.ts", to: "src/cli/main.ts" }])).toEqual([]);
  });
});
