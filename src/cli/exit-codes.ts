/** The CLI's exit codes. */
export const EXIT = {
  /** Every check passed. */
  pass: 0,
  /** A check failed: the target broke the contract or a gate. */
  fail: 1,
  /** Usage error, bad configuration, or the target could not be reached. */
  usage: 2,
} as const;

/** One of {@link EXIT}'s values. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
