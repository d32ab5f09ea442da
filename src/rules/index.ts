/** The spec-derived rules: the one module the client, provider, arbitraries and load import. */

export * from "./answer-oracle.js";
export * from "./code-rule.js";
export * from "./error-codes.js";
export * from "./provider-states.js";
export * from "./request-facts.js";
export * from "./rule-catalog.js";
export * from "./schema-validators.js";
export * from "./spec.js";
export * from "./verdict-policy.js";
