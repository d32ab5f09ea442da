/**
 * `bleepay-qa rules`: the rules the checks judge a provider by, each with its id and basis (the doc,
 * quoted, or an assumption of the spec), as the spec's `x-rules` hold them. The ids are what
 * findings, `--rule ID=VERDICT` and the config file's `"rule"` name.
 */
import { option } from "../../options/index.js";
import { RULE_IDS, ruleOf } from "../../rules/index.js";
import { defineCommand } from "../command.js";
import { EXIT } from "../exit-codes.js";

/** The `rules` command. */
export const rulesCommand = defineCommand({
  name: "rules",
  summary: "List the rules a provider is judged by: each id, its basis (doc or assumption) and its text",
  help: `
Lists every rule of the spec's x-rules: the rules the API doc states (basis doc, with the doc's
words) and the assumptions the spec made where the doc is silent (basis assumption). Under
--rules doc (the default) only findings on doc rules fail a run; a finding on an assumption is a
deviation, reported and not failed. --rules spec fails on both. --rule ID=off|warn|fail overrides
one rule's verdict.

Examples:
  bleepay-qa rules
  bleepay-qa rules --basis assumption
  bleepay-qa rules --json`,
  options: {
    basis: option.choice({
      valueName: "BASIS",
      choices: ["doc", "assumption"] as const,
      description: "Only the rules of this basis",
    }),
    json: option.flag({ description: "Print the rules as JSON" }),
  },
  async run({ basis, json }, { out }) {
    const rules = RULE_IDS.map(ruleOf).filter((rule) => basis === undefined || rule.basis === basis);
    if (json) {
      out.line(JSON.stringify(rules, null, 2));
      return EXIT.pass;
    }
    const width = Math.max(...rules.map((r) => r.id.length)) + 2;
    for (const rule of rules) {
      out.line(`${rule.id.padEnd(width)}${rule.basis.padEnd(12)}${rule.text}`);
      if (rule.quote) out.line(`${" ".repeat(width + 12)}doc: ${rule.quote}`);
    }
    return EXIT.pass;
  },
});
