/**
 * The one error an option, a config file or a command line can raise. It names the option (or the
 * file and key) and what is expected, in one line; the CLI prints it and exits 2.
 */

/** A bad option value, config file or command line: one line naming what is wrong. */
export class OptionError extends Error {
  override readonly name = "OptionError";
}
