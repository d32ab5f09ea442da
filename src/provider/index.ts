/** The reference provider: an HTTP server that answers Open Session as the spec says. */
export * from "./code-store.js";
export * from "./create-reference-provider.js";
export * from "./defaults.js";
export * from "./provider-error.js";
export * from "./provider-states.js";
