/**
 * The project's dependency rule, checked by `dependency-rules.test.ts` in `npm test` (and printed by
 * `npm run check:deps`): which folder may import which. Imports are read with TypeScript's own
 * pre-processor (static, dynamic and type-only imports alike), so a rule cannot be dodged by a
 * lazy `import()`.
 *
 * The shape it keeps (ARCHITECTURE.md draws it):
 *   src/cli ──▶ stages (src/stages, contracts, property-tests, load) ──▶ src/report, src/options,
 *   src/rules, src/http, src/state-setup, src/client, src/util;  src/rules ──▶ generated only.
 */
import { readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import ts from "typescript";

/** One import of one file. */
export interface ImportEdge {
  /** The importing file, relative to the repository root (`src/stages/smoke.ts`). */
  readonly from: string;
  /** The imported file, relative to the root (`src/rules/index.ts`), or the package name. */
  readonly to: string;
}

/** A rule: files matching `from` must not import files matching `forbidden`. */
export interface DependencyRule {
  readonly name: string;
  /** Why the rule exists, printed with a violation. */
  readonly why: string;
  readonly from: RegExp;
  readonly forbidden: RegExp;
}

/** Test code, benches and repository chores: they may reach into anything to exercise it. */
const NOT_PRODUCT = /(\.test\.ts|\.engine\.ts|\.browser\.ts)$|(^|\/)test-support\/|^bench\/|^scripts\//;

/** The stage implementations: each tests any provider and stands on its own. */
const STAGE_FOLDERS = /^(contracts|load|property-tests)\//;

/** The rules. A product file is any `.ts` file outside {@link NOT_PRODUCT}. */
export const DEPENDENCY_RULES: readonly DependencyRule[] = [
  {
    name: "only the CLI knows the CLI",
    why: "exit codes, flags and the console belong to src/cli; stages take typed settings and return results",
    from: /^(?!src\/cli\/)/,
    forbidden: /^src\/cli\//,
  },
  {
    name: "the rules derive from the spec alone",
    why: "src/rules is the one home of what the spec says: it reads generated/ and nothing else of ours",
    from: /^src\/rules\//,
    forbidden: /^(?!src\/rules\/|generated\/)(src|contracts|load|property-tests|test-support)\//,
  },
  {
    name: "options stand alone",
    why: "every command and stage defines its options with src/options; it depends on nothing of theirs",
    from: /^src\/options\//,
    forbidden: /^(?!src\/options\/)(src|contracts|load|property-tests|generated)\//,
  },
  {
    name: "the stage contract knows no stage",
    why: "src/stages defines what a stage is; the stages depend on it, never the other way round",
    from: /^src\/stages\//,
    forbidden: /^(contracts|load|property-tests)\/|^src\/(provider|cli)\//,
  },
  {
    name: "reports are drawn from typed results",
    why: "src/report renders StageResults and their artifacts; it never imports a stage or re-reads its files",
    from: /^src\/report\//,
    forbidden: /^(contracts|load|property-tests)\/|^src\/(provider|cli|http|state-setup|client)\//,
  },
  {
    name: "the reference provider is one provider among others",
    why: "stages test any provider through HTTP; only the CLI starts the embedded one",
    from: STAGE_FOLDERS,
    forbidden: /^src\/provider\//,
  },
  {
    name: "the reference provider needs no testing machinery",
    why: "src/provider serves the spec; it depends on the rules, not on stages, reports or the CLI",
    from: /^src\/provider\//,
    forbidden: /^(contracts|load|property-tests)\/|^src\/(cli|stages|report|state-setup|client)\//,
  },
  {
    name: "the spec diff reads specs and pacts only",
    why: "src/diff compares two documents and the consumers' pacts; it never talks to a provider",
    from: /^src\/diff\//,
    forbidden: /^src\/(provider|cli|http|state-setup|client)\/|^(load|property-tests)\//,
  },
  {
    name: "stages do not reach into each other",
    why: "each stage folder stands alone; what they share lives under src/",
    from: /^contracts\//,
    forbidden: /^(load|property-tests)\//,
  },
  {
    name: "stages do not reach into each other",
    why: "each stage folder stands alone; what they share lives under src/",
    from: /^load\//,
    forbidden: /^(contracts|property-tests)\//,
  },
  {
    name: "stages do not reach into each other",
    why: "each stage folder stands alone; what they share lives under src/",
    from: /^property-tests\//,
    forbidden: /^(contracts|load)\//,
  },
  {
    name: "product code never depends on test code",
    why: "test-support/, bench/ and scripts/ are not shipped",
    from: /^/,
    forbidden: /(^|\/)test-support\/|^bench\/|^scripts\/|\.test\.(ts|js)$/,
  },
];

/** The imports of the given files (paths relative to `root`), resolved to files where relative. */
export function readImports(root: string, files: readonly string[]): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const from of files) {
    const text = readFileSync(join(root, from), "utf8");
    const info = ts.preProcessFile(text, true, true);
    for (const ref of info.importedFiles) {
      const spec = ref.fileName;
      const to = spec.startsWith(".")
        ? normalize(join(dirname(from), spec))
            .replace(/\\/g, "/")
            .replace(/\.js$/, ".ts")
        : spec;
      edges.push({ from, to });
    }
  }
  return edges;
}

/** One import that breaks a rule. */
export interface Violation {
  readonly rule: DependencyRule;
  readonly edge: ImportEdge;
}

/** The imports of product files that break a rule. */
export function findViolations(
  edges: readonly ImportEdge[],
  rules: readonly DependencyRule[] = DEPENDENCY_RULES,
): Violation[] {
  const violations: Violation[] = [];
  for (const edge of edges) {
    if (NOT_PRODUCT.test(edge.from) || edge.from.startsWith("generated/")) continue;
    for (const rule of rules) {
      if (rule.from.test(edge.from) && rule.forbidden.test(edge.to)) violations.push({ rule, edge });
    }
  }
  return violations;
}

/** Every TypeScript file git tracks or would track under `root` (node_modules and dist left out). */
export function projectFiles(root: string): string[] {
  const out = ts.sys.readDirectory(root, [".ts"], ["node_modules", "dist", "reports", "**/node_modules"]);
  return out
    .map((abs) => relative(root, abs).replace(/\\/g, "/"))
    .filter((f) => !f.startsWith("node_modules/") && !f.startsWith("dist/") && !f.includes("/node_modules/"));
}

/** One line for a violation. */
export function describeViolation({ rule, edge }: Violation): string {
  return `${edge.from} imports ${edge.to}: ${rule.name} (${rule.why})`;
}

// `npm run check:deps`: prints the violations, exit 1 when there are any.
if (process.argv[1] && normalize(process.argv[1]) === normalize(new URL(import.meta.url).pathname)) {
  const root = join(dirname(new URL(import.meta.url).pathname), "..");
  const violations = findViolations(readImports(root, projectFiles(root)));
  for (const v of violations) console.error(describeViolation(v));
  console.log(
    violations.length === 0
      ? `dependency rules hold (${DEPENDENCY_RULES.length} rules)`
      : `${violations.length} import(s) break the rules`,
  );
  process.exit(violations.length === 0 ? 0 : 1);
}
