/**
 * The one error a diff input can raise: a spec that cannot be read, or a pact source that cannot
 * be reached. It names the file (or URL) and why, in one line; the CLI exits 2 with it.
 */

/** A spec or pact source that cannot be read. */
export class DiffInputError extends Error {
  constructor(
    /** The file or URL concerned. */
    readonly source: string,
    /** Why it cannot be read, as a clause ("no such file"). */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${source}: ${reason}`, options);
    this.name = "DiffInputError";
  }
}
