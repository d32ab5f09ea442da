/** The spec-derived rules: the one module the client, provider, arbitraries and load import. */
export * from "./code-rule.js";
export * from "./error-codes.js";
export * from "./provider-states.js";
export * from "./schema-validators.js";
export * from "./spec.js";
