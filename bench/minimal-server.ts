/**
 * The baseline of `bench/provider-throughput.ts`: the least a `node:http` server can do to answer
 * Open Session — read the body, answer the same 200 JSON — with no routing, auth or validation.
 * The reference provider is measured against it. Prints `listening on URL` once it listens.
 *
 * With `--delay-ms N` every answer leaves N ms after its request arrived (a slower build of the same
 * provider, for bench/baseline-noise.ts).
 *
 * Usage: node --import tsx bench/minimal-server.ts [PORT] [--delay-ms N]
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const BODY = JSON.stringify({
  id: "ses_0123456789abcdef",
  code: "D4E5F6",
  status: "OPEN",
  type: "SESSION_DEFAULT",
  createdAt: "2026-06-09T12:00:00.000Z",
});
const LENGTH = String(Buffer.byteLength(BODY));

const delayAt = process.argv.indexOf("--delay-ms");
const DELAY_MS = delayAt === -1 ? 0 : Number(process.argv[delayAt + 1]);

const server = createServer({ noDelay: true }, (req, res) => {
  // A real API reads the body before answering; so does the baseline, to compare like with like.
  req.on("data", () => {});
  req.on("end", () => {
    const answer = (): void => {
      res.writeHead(200, ["content-type", "application/json", "content-length", LENGTH]);
      res.end(BODY);
    };
    if (DELAY_MS > 0) setTimeout(answer, DELAY_MS);
    else answer();
  });
});

const port = process.argv[2] && !process.argv[2].startsWith("--") ? Number(process.argv[2]) : 0;
server.listen(port, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`listening on http://127.0.0.1:${port}\n`);
});
process.on("SIGTERM", () => {
  server.close();
  server.closeAllConnections();
});
