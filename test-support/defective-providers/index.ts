/** Deliberately broken providers (and one conforming variant) for proving what the suites catch. */
export * from "./defects.js";
export * from "./doc-faithful-variants.js";
export * from "./start-proxy-provider.js";
