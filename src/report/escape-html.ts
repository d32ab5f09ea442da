/**
 * HTML escaping for the run report. Everything a provider or a pact can influence (interaction
 * names, counterexamples, answers) goes through it: those are hostile input.
 */

const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Escapes text for HTML content and quoted attribute values. Control characters a browser would
 * choke on or that could hide text are shown as U+FFFD.
 *
 * @example
 * escapeHtml("<script>"); // "&lt;script&gt;"
 */
export function escapeHtml(text: string | number): string {
  return (
    String(text)
      // biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point.
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "\uFFFD")
      .replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c)
  );
}
