/**
 * Generates `generated/` from the spec in `openapi/`: the TypeScript types (openapi-typescript) and
 * the spec itself as a typed constant, so that runtime code reads the rules from the spec without a
 * YAML parser. `--check` writes nothing and exits 1 when a committed file is stale (run in CI).
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import openapiTS, { astToString, COMMENT_HEADER } from "openapi-typescript";
import { parse } from "yaml";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const specPath = join(root, "openapi", "bleepay-vouchers.yaml");
const banner = (what: string): string =>
  `/**\n * ${what}\n * Generated from openapi/bleepay-vouchers.yaml by \`npm run generate\`. Do not edit by hand.\n */\n`;

async function render(): Promise<Map<string, string>> {
  const source = await readFile(specPath, "utf8");
  const spec: unknown = parse(source);
  const ast = await openapiTS(pathToFileURL(specPath), { alphabetize: false });
  const types = COMMENT_HEADER + astToString(ast);
  const files = new Map<string, string>();
  files.set(join(root, "generated", "openapi-types.ts"), banner("Types of the Open Session spec.") + types);
  files.set(
    join(root, "generated", "openapi-spec.ts"),
    `${banner("The Open Session spec as a constant: the one runtime copy of its rules.")}` +
      `export const openapiSpec = ${JSON.stringify(spec, null, 2)} as const;\n`,
  );
  return files;
}

async function main(): Promise<void> {
  const check = process.argv.includes("--check");
  const files = await render();
  const stale: string[] = [];
  for (const [path, content] of files) {
    const current = await readFile(path, "utf8").catch(() => "");
    if (current === content) continue;
    if (check) stale.push(relative(root, path));
    else {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, content);
    }
  }
  if (stale.length > 0) {
    console.error(`generated/ is stale (${stale.join(", ")}): run 'npm run generate' and commit the result.`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(`generate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
