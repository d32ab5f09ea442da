/**
 * End-to-end tests of the real binary (`node bin/bleepay-qa.js`, built by the global setup): exit
 * codes, one-line errors, `serve`'s lifecycle, and that a given token never leaves the process.
 */

import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createServer, request as httpRequest, type Server } from "node:http";
import { createServer as createTcpServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedPort } from "../../test-support/ports-apart.js";
import { type CliRun, runCli } from "../../test-support/run-cli.js";
import { OPEN_SESSION_PATH, SESSION_TYPE } from "../rules/index.js";

// Distinctive, so that any leak is found by a plain search.
const TOKEN = "e2e-secret-Zq8x1Vw3";
const STACK_TRACE = /^\s+at .+[:(]/m;

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "bleepay-qa-e2e-"));
});
afterAll(() => rm(work, { recursive: true, force: true }));

/** Every file under a folder, recursively. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** Fails if the token is in the output or in any report file. */
async function expectNoToken(run: { stdout: string; stderr: string }, reportsDir: string): Promise<void> {
  expect(run.stdout).not.toContain(TOKEN);
  expect(run.stderr).not.toContain(TOKEN);
  const files = await filesUnder(reportsDir);
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    const text = await readFile(file, "utf8");
    expect(text.includes(TOKEN), `${file} contains the token`).toBe(false);
  }
}

/**
 * A provider that breaks the contract: every answer is a 500 that echoes the Authorization header,
 * as JSON and as plain text by turns, so the token reaches the run's failure details.
 */
async function brokenProvider(): Promise<{ url: string; server: Server }> {
  let turn = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const echo = req.headers.authorization ?? "";
      if (turn++ % 2) res.writeHead(500, { "content-type": "text/plain" }).end(`you sent ${echo}`);
      else res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ youSent: echo }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return { url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`, server };
}

/** Spawns `serve --port 0 …`, waits for the URL it prints, and hands back a way to SIGTERM it. */
async function startServe(
  args: readonly string[],
): Promise<{ base: string; exited: Promise<CliRun>; sigterm: () => void }> {
  let announce: (url: string) => void = () => {};
  let sigterm: () => void = () => {};
  const listening = new Promise<string>((resolve) => {
    announce = resolve;
  });
  const exited = runCli(["serve", "--port", "0", ...args], {
    timeoutMs: 20_000,
    onSpawn(child) {
      let seen = "";
      child.stdout?.on("data", (chunk: Buffer) => {
        seen += chunk.toString();
        const url = /listening on (http:\/\/\S+)/.exec(seen)?.[1];
        if (url) announce(url);
      });
      sigterm = () => child.kill("SIGTERM");
    },
  });
  return { base: await listening, exited, sigterm: () => sigterm() };
}

describe("bleepay-qa, the binary", () => {
  it("prints its help and version, exit 0", async () => {
    const help = await runCli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: bleepay-qa <command>");
    for (const command of ["all", "smoke", "serve"]) expect(help.stdout).toContain(`  ${command} `);
    const version = await runCli(["--version"]);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("runs `all` against the embedded provider with a given token: exit 0, reports, token nowhere", async () => {
    const reportsDir = join(work, "all");
    const run = await runCli(["all", "--token", TOKEN, "--reports-dir", reportsDir], { timeoutMs: 170_000 });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("overall: PASSED");
    const summary = JSON.parse(await readFile(join(reportsDir, "summary.json"), "utf8")) as {
      outcome: string;
    };
    expect(summary.outcome).toBe("passed");
    expect(await readFile(join(reportsDir, "junit.xml"), "utf8")).toContain("<testsuites");
    await expectNoToken(run, reportsDir);
  }, 180_000);

  it("runs `smoke` against the embedded provider: exit 0", async () => {
    const run = await runCli(["smoke", "--reports-dir", join(work, "smoke")]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/smoke: PASSED/);
  });

  it("reads the token from BLEEPAY_TOKEN as well", async () => {
    const reportsDir = join(work, "smoke-env");
    const run = await runCli(["smoke", "--reports-dir", reportsDir], { env: { BLEEPAY_TOKEN: TOKEN } });
    expect(run.code, run.stderr).toBe(0);
    await expectNoToken(run, reportsDir);
  });

  it("exits 1 against a provider that breaks the contract, and keeps the token out even when echoed", async () => {
    const { url, server } = await brokenProvider();
    const reportsDir = join(work, "broken");
    try {
      const run = await runCli(["smoke", "--base-url", url, "--token", TOKEN, "--reports-dir", reportsDir]);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stdout).toContain("FAIL");
      // Reproductions show the token as a variable, never its value.
      expect(run.stdout).toContain("$BLEEPAY_TOKEN");
      await expectNoToken(run, reportsDir);
    } finally {
      server.close();
    }
  });

  it("keeps the token out of Pact's debug log (BLEEPAY_QA_DEBUG=1) when verifying a provider that echoes it", async () => {
    const { url, server } = await brokenProvider();
    const reportsDir = join(work, "debug");
    try {
      const contracts = await runCli(["contracts", "--reports-dir", reportsDir]);
      expect(contracts.code, contracts.stderr).toBe(0);
      const run = await runCli(["verify", "--base-url", url, "--token", TOKEN, "--reports-dir", reportsDir], {
        env: { BLEEPAY_QA_DEBUG: "1" },
      });
      expect(run.code, run.stderr).toBe(1);
      // Debug logging really is on: Pact's log of the requests and of the echoing answers.
      const pactLines = run.stderr.split("\n").filter((line) => line.startsWith("pact: "));
      expect(pactLines.filter((line) => /\bDEBUG\b/.test(line)).length).toBeGreaterThan(10);
      expect(run.stderr).toMatch(/you sent|youSent/);
      await expectNoToken(run, reportsDir);
    } finally {
      server.close();
    }
  });

  it("exits 2 with one line naming the URL and the cause when --base-url refuses connections", async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const run = await runCli([
      "smoke",
      "--base-url",
      url,
      "--token",
      TOKEN,
      "--reports-dir",
      join(work, "refused"),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain(url);
    expect(run.stderr).toMatch(/refused/);
    expect(run.stderr).not.toMatch(STACK_TRACE);
  });

  it("exits 2 within 5 s (plus start-up) when --base-url accepts and never answers", async () => {
    const sockets: Socket[] = [];
    const silent = createTcpServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const address = silent.address();
    const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    try {
      const run = await runCli(
        ["smoke", "--base-url", url, "--token", TOKEN, "--reports-dir", join(work, "silent")],
        {
          timeoutMs: 15_000,
        },
      );
      expect(run.timedOut).toBe(false);
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stderr).toContain(url);
      expect(run.stderr).toMatch(/no answer within 5 s/);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  it.each([
    ["a remote target without a token", ["smoke", "--base-url", "http://127.0.0.1:9"], /token is required/],
    ["an unknown option", ["smoke", "--bogus"], /--bogus/],
    ["an unknown command", ["smoek"], /unknown command "smoek"/],
    [
      "a URL of another scheme",
      ["smoke", "--base-url", "ftp://127.0.0.1", "--token", "x"],
      /--base-url expects/,
    ],
    ["a bad port", ["serve", "--port", "70000"], /--port expects a whole number/],
    ["a bad duration", ["serve", "--code-ttl", "soon"], /--code-ttl expects a duration/],
    ["an empty token", ["smoke", "--token", " "], /--token must not be empty/],
    ["a stage --skip does not know", ["all", "--skip", "nope"], /--skip expects/],
  ])("exits 2 with one clear line and no stack trace for %s", async (_name, argv, message) => {
    const run = await runCli(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.stdout).toBe("");
  });

  it("serve prints its URL, answers, and exits 0 on SIGTERM after draining an in-flight request", async () => {
    const { base, exited, sigterm } = await startServe(["--token", TOKEN]);
    const states = await fetch(`${base}/_pact/provider-states`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ state: "a context code has been shared by the payer" }),
    });
    const { code } = (await states.json()) as { code: string };

    // Half a request now, SIGTERM, then the rest: the provider must finish it before it exits.
    const inFlight = new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${base}${OPEN_SESSION_PATH}`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${TOKEN}`,
          "content-type": "application/json",
          "transfer-encoding": "chunked",
        },
      });
      req.on("response", (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      });
      req.on("error", reject);
      req.write(`{"code":"${code}",`);
      req.on("socket", (socket) =>
        socket.on("connect", () =>
          setTimeout(() => {
            sigterm();
            setTimeout(() => req.end(`"type":"${SESSION_TYPE}"}`), 300);
          }, 100),
        ),
      );
    });
    expect(await inFlight).toBe(200);
    const run = await exited;
    expect(run.timedOut).toBe(false);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("stopped");
    expect(run.stdout).not.toContain(TOKEN);
    expect(run.stderr).not.toContain(TOKEN);
  });

  it("serve --no-provider-states answers 404 at the state-change endpoint, and serves Open Session", async () => {
    const { base, exited, sigterm: stop } = await startServe(["--no-provider-states"]);
    try {
      const states = await fetch(`${base}/_pact/provider-states`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ state: "a context code has been shared by the payer" }),
      });
      expect(states.status).toBe(404);
      const open = await fetch(`${base}${OPEN_SESSION_PATH}`, {
        method: "POST",
        headers: { authorization: "Bearer dev-payee-token", "content-type": "application/json" },
        body: JSON.stringify({ code: "A1B2C3", type: SESSION_TYPE }),
      });
      expect(open.status).toBe(400);
    } finally {
      stop();
    }
    const run = await exited;
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain("provider states:");
  });
});
