/**
 * Pact's consumer-test failure messages, made short enough for a one-line note. Kept apart from
 * write-pacts.ts so that callers which only print a note need not load Pact (about a second).
 */
/**
 * Pact's failure message on one line: its headers ("Test failed for the following reasons:",
 * "Mock server failed with the following mismatches:") dropped and its whitespace collapsed, so a
 * note says which request was missing or wrong rather than only that the test failed.
 *
 * @example
 * briefPactFailure("Test failed for the following reasons:\n\n  Mock server failed with the following mismatches:\n\n\t0) The following request was expected but not received: …")
 * // → "0) The following request was expected but not received: …"
 */
export function briefPactFailure(detail: string, maxLength = 300): string {
  const text = detail
    .replace(/Test failed for the following reasons:/g, "")
    .replace(/Mock server failed with the following mismatches:/g, "")
    .replace(/\s+/g, " ")
    .trim();
  if (text === "") return "no detail";
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
