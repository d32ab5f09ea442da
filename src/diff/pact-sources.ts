/**
 * The pacts a diff checks: a folder or file (`--pact-dir`), a Pact Broker (the flags `verify`
 * takes), or by default the payee app's pact written afresh by the real contract
 * (`contracts/write-pacts.ts`) into a temporary folder, so the consumer impact is that of the
 * contract as it stands, never of a stale file.
 */
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { readPactFiles } from "../../contracts/pact-dir.js";
import { briefPactFailure } from "../../contracts/pact-failure.js";
import { PROVIDER_NAME } from "../../contracts/pact-names.js";
import type { PactRun } from "../../contracts/write-pacts.js";
import { type BrokerSource, fetchBrokerPacts } from "./broker-pacts.js";
import { DiffInputError } from "./spec-load-error.js";

/** Where the pacts come from. */
export type PactSource =
  | { readonly kind: "fresh" }
  | { readonly kind: "dir"; readonly path: string }
  | ({ readonly kind: "broker" } & BrokerSource);

/** One pact to check, with where it came from. */
export interface LoadedPact {
  /** A file path or the broker link. */
  readonly source: string;
  readonly pact: unknown;
}

/** The pacts, and a note when some part of the source could not be used. */
export interface LoadedPacts {
  readonly pacts: readonly LoadedPact[];
  readonly note?: string;
}

const providerOf = (pact: unknown): unknown =>
  (pact as { provider?: { name?: unknown } } | undefined)?.provider?.name;

async function fromPath(path: string): Promise<LoadedPacts> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new DiffInputError(path, "no such file or folder of pacts");
  let files = info.isFile()
    ? [
        {
          path,
          pact: await readFile(path, "utf8").then(
            (t) => JSON.parse(t) as unknown,
            () => undefined,
          ),
        },
      ]
    : await readPactFiles(path);
  const unreadable = files.find((f) => f.pact === undefined);
  if (unreadable) throw new DiffInputError(unreadable.path, "not a JSON pact file");
  files = files.filter((f) => providerOf(f.pact) === PROVIDER_NAME);
  if (files.length === 0) throw new DiffInputError(path, `no pact for ${PROVIDER_NAME} there`);
  return { pacts: files.map((f) => ({ source: f.path, pact: f.pact })) };
}

/**
 * Writes the payee app's pact afresh into `dir` with the real contract.
 *
 * @example
 * const { pactFile, runs } = await writeContractPacts(dir);
 */
export async function writeContractPacts(dir: string, signal?: AbortSignal): Promise<PactRun> {
  // Loaded on use: Pact takes about a second to load.
  const { writePacts } = await import("../../contracts/write-pacts.js");
  return writePacts(dir, signal ? { signal } : {});
}

async function fresh(signal?: AbortSignal): Promise<LoadedPacts> {
  const dir = await mkdtemp(join(tmpdir(), "bleepay-diff-pacts-"));
  try {
    const { pactFile, runs } = await writeContractPacts(dir, signal);
    const failed = runs.filter((r) => r.outcome !== "passed");
    const pact = await readFile(pactFile, "utf8").then(
      (t) => JSON.parse(t) as unknown,
      () => undefined,
    );
    const first = failed[0];
    const note = first
      ? `${failed.length} of ${runs.length} interactions of the contract did not pass against Pact's mock server (${first.interaction.description}: ${briefPactFailure(first.detail ?? "")}); they are not checked`
      : undefined;
    if (!pact) return { pacts: [], note: note ?? "the contract wrote no pact" };
    return {
      pacts: [{ source: `${basename(pactFile)}, written afresh by the contract`, pact }],
      ...(note ? { note } : {}),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function loadSource(source: PactSource, signal?: AbortSignal): Promise<LoadedPacts> {
  switch (source.kind) {
    case "dir":
      return fromPath(source.path);
    case "broker": {
      const pacts = await fetchBrokerPacts(source, signal);
      if (pacts.length === 0)
        return {
          pacts: [],
          note: `the broker at ${source.url} has no pact for ${PROVIDER_NAME} for these selectors`,
        };
      return { pacts };
    }
    case "fresh":
      return fresh(signal);
  }
}

/**
 * Reads the pacts of every source (none: no pact is checked). Throws a {@link DiffInputError}
 * for a source that cannot be read.
 */
export async function loadPacts(sources: readonly PactSource[], signal?: AbortSignal): Promise<LoadedPacts> {
  if (sources.length === 0) return { pacts: [], note: "not checked (--no-pacts)" };
  const loaded = [];
  for (const source of sources) loaded.push(await loadSource(source, signal));
  const notes = loaded.flatMap((l) => (l.note ? [l.note] : []));
  return { pacts: loaded.flatMap((l) => l.pacts), ...(notes.length ? { note: notes.join("; ") } : {}) };
}
