/** `bleepay-qa serve`: the reference provider as a standalone server. */
import { option } from "../../options/index.js";
import { DEFAULT_CODE_TTL_S, DEFAULT_MAX_CODES, DEVELOPMENT_TOKEN } from "../../provider/defaults.js";
import { OPEN_SESSION_PATH } from "../../rules/index.js";
import { PROVIDER_STATES_PATH } from "../../rules/provider-states.js";
import { usageError } from "../cli-error.js";
import { defineCommand } from "../command.js";
import { EXIT } from "../exit-codes.js";

/** The `serve` command. */
export const serveCommand = defineCommand({
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
    port: option.int({
      valueName: "PORT",
      env: "BLEEPAY_PORT",
      default: 8080,
      min: 0,
      max: 65535,
      description: "Port (0: a free one)",
    }),
    host: option.string({ valueName: "HOST", default: "127.0.0.1", description: "Address to listen on" }),
    token: option.string({
      valueName: "TOKEN",
      env: "BLEEPAY_TOKEN",
      secret: true,
      description: `Accepted bearer token (default: the development token "${DEVELOPMENT_TOKEN}")`,
    }),
    "code-ttl": option.duration({
      default: `${DEFAULT_CODE_TTL_S}s`,
      minMs: 1,
      maxMs: 7 * 86_400_000,
      description: "How long a shared code stays valid (e.g. 600s, 10m)",
    }),
    "max-codes": option.int({
      default: DEFAULT_MAX_CODES,
      min: 1,
      max: 50_000_000,
      description: "Most shared codes held; the oldest are evicted past it",
    }),
    "no-provider-states": option.flag({ description: `Do not serve ${PROVIDER_STATES_PATH}` }),
  },
  async run({ port, host, token, codeTtl: codeTtlMs, maxCodes, noProviderStates }, { out, signal }) {
    if (token !== undefined && token.length === 0) throw usageError("--token must not be empty");
    const providerStates = !noProviderStates;
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
});
