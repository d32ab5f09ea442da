/** The typed Open Session client. */
export * from "./create-bleepay-client.js";
export * from "./open-session-result.js";
