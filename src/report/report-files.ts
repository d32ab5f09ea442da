/**
 * Writing report files. Every write goes to a temporary file renamed into place, so a run that is
 * interrupted leaves each report either whole or absent, never half-written.
 */
import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

/** Writes `content` to `path` atomically, creating folders as needed. Returns the path. */
export async function writeReportFile(path: string, content: string | Uint8Array): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, path);
  return path;
}

/** Writes a JSON report `NAME.json` under `dir`. Returns the path. */
export function writeJsonReport(dir: string, name: string, data: unknown): Promise<string> {
  return writeReportFile(join(dir, `${name}.json`), `${JSON.stringify(data, null, 2)}\n`);
}
