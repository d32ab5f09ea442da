#!/usr/bin/env node
// The installed binary: runs the compiled CLI. `npm run build` writes dist/, and `npm ci` or
// `npm install` in a clone runs it (the `prepare` script); an installed package ships it built.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const entry = new URL("../dist/src/cli/run.js", import.meta.url);
if (!existsSync(entry)) {
  const root = fileURLToPath(new URL("..", import.meta.url));
  process.stderr.write(`bleepay-qa: the CLI is not built yet: run 'npm run build' in ${root}\n`);
  process.exit(2);
}
const { run } = await import(entry.href);
run();
