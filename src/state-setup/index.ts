/** Client of Pact's provider-state change protocol. */
export * from "./create-state-setup-client.js";
