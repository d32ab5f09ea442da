/** Options defined once (type, default, bounds, environment variable, help) and resolved once. */
export * from "./option-error.js";
export * from "./option-spec.js";
export * from "./parse-duration.js";
export * from "./resolve-options.js";
