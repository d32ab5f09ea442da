/** `bleepay-qa serve`: the reference provider as a standalone server. */
import { DEFAULT_CODE_TTL_S, DEVELOPMENT_TOKEN } from "../../provider/defaults.js";
import { OPEN_SESSION_PATH } from "../../rules/index.js";
import { PROVIDER_STATES_PATH } from "../../rules/provider-states.js";
import { usageError } from "../cli-error.js";
import type { CommandDefinition } from "../command.js";
import { EXIT } from "../exit-codes.js";
import { durationOption, flagOption, intOption, stringOption } from "../options.js";

/** The `serve` command. */
export const serveCommand: CommandDefinition = {
  name: "serve",
  summary: "Run the reference provider: Open Session as the spec says, plus Pact provider states",
  help: `
Serves POST ${OPEN_SESSION_PATH} exactly as the spec says, and Pact's provider-state
protocol at POST ${PROVIDER_STATES_PATH} (states: "a context code has been shared by the payer"
[params.count for bulk], "the context code has expired"). Without --token it accepts the
development token "${DEVELOPMENT_TOKEN}". SIGTERM or SIGINT drains in-flight requests and exits 0.

Examples:
  bleepay-qa serve --port 8080
  BLEEPAY_TOKEN=my-test-token bleepay-qa serve --port 8080 --code-ttl 60s`,
  options: {
    port: {
      type: "string",
      valueName: "PORT",
      env: "BLEEPAY_PORT",
      default: "8080",
      description: "Port (0: a free one)",
    },
    host: { type: "string", valueName: "HOST", default: "127.0.0.1", description: "Address to listen on" },
    token: {
      type: "string",
      valueName: "TOKEN",
      env: "BLEEPAY_TOKEN",
      description: `Accepted bearer token (default: the development token "${DEVELOPMENT_TOKEN}")`,
    },
    "code-ttl": {
      type: "string",
      valueName: "DURATION",
      default: `${DEFAULT_CODE_TTL_S}s`,
      description: "How long a shared code stays valid (e.g. 600s, 10m)",
    },
    "max-codes": {
      type: "string",
      valueName: "N",
      default: "2000000",
      description: "Most shared codes held; the oldest are evicted past it",
    },
    "no-provider-states": { type: "boolean", description: `Do not serve ${PROVIDER_STATES_PATH}` },
  },
  async run({ values, out, signal }) {
    const port = intOption(values, "port", { min: 0, max: 65535, fallback: 8080 });
    const host = stringOption(values, "host") ?? "127.0.0.1";
    const token = stringOption(values, "token");
    if (token !== undefined && token.length === 0) throw usageError("--token must not be empty");
    const codeTtlMs = durationOption(values, "code-ttl", {
      minMs: 1,
      maxMs: 7 * 86_400_000,
      fallbackMs: DEFAULT_CODE_TTL_S * 1000,
    });
    const maxCodes = intOption(values, "max-codes", { min: 1, max: 50_000_000, fallback: 2_000_000 });
    const providerStates = !flagOption(values, "no-provider-states");
    out.addSecret(token);
    // Loaded on use: listing commands, --help and a refused option need no provider.
    const { createReferenceProvider } = await import("../../provider/create-reference-provider.js");
    const provider = createReferenceProvider({
      tokens: [token ?? DEVELOPMENT_TOKEN],
      codeTtlMs,
      maxCodes,
      providerStates,
    });
    let url: string;
    try {
      url = await provider.listen(port, host);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw usageError(
        `cannot listen on ${host}:${port}: ${code === "EADDRINUSE" ? "the port is in use" : (code ?? String(error))}`,
      );
    }
    out.line(`bleepay-qa reference provider listening on ${url}`);
    out.line(`  Open Session:    POST ${url}${OPEN_SESSION_PATH}`);
    if (providerStates) out.line(`  provider states: POST ${url}${PROVIDER_STATES_PATH}`);
    out.line(
      `  token:           ${token === undefined ? `development default "${DEVELOPMENT_TOKEN}"` : "as given (not shown)"}`,
    );
    out.line(`  code TTL:        ${codeTtlMs / 1000} s; at most ${maxCodes} codes held`);
    await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
    out.line("draining in-flight requests…");
    await provider.close();
    out.line("stopped");
    return EXIT.pass;
  },
};
