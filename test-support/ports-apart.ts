/**
 * Ports for tests that knock on a port after its server is gone (a refused connection, a provider
 * that dies halfway). Such a port must not be one that `listen(0)` can hand out: under a parallel
 * suite the next server to ask for a free port, often a Pact mock server of a consumer test, would
 * get it, and the stale client's requests would land there as unexpected requests, failing a test
 * that has nothing to do with them. So these ports come from below the ephemeral range that
 * `listen(0)` draws from (32768–60999 on Linux, 49152–65535 on macOS and Windows).
 */
import { createServer } from "node:net";

const LOWEST = 20_000;
const HIGHEST = 32_000;
const ATTEMPTS = 50;

const isAddressInUse = (error: unknown): boolean =>
  (error as NodeJS.ErrnoException | undefined)?.code === "EADDRINUSE";

/**
 * Calls `listen` with random ports below the ephemeral range until one is free; returns what it
 * returned. Any error other than "address in use" is thrown at once.
 *
 * @example
 * const url = await listenApart((port) => provider.listen(port, "127.0.0.1"));
 */
export async function listenApart<T>(listen: (port: number) => Promise<T>): Promise<T> {
  let lastError: unknown;
  for (let i = 0; i < ATTEMPTS; i++) {
    const port = LOWEST + Math.floor(Math.random() * (HIGHEST - LOWEST));
    try {
      return await listen(port);
    } catch (error) {
      if (!isAddressInUse(error)) throw error;
      lastError = error;
    }
  }
  throw new Error(
    `no free port between ${LOWEST} and ${HIGHEST} after ${ATTEMPTS} tries: ${String(lastError)}`,
  );
}

/**
 * A port of 127.0.0.1 that was free a moment ago and is closed now, so a connection to it is
 * refused, and that no `listen(0)` elsewhere in the suite will be given meanwhile.
 *
 * @example
 * const url = `http://127.0.0.1:${await closedPort()}`;
 */
export async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listenApart(
    (candidate) =>
      new Promise<number>((resolve, reject) => {
        server.once("error", reject);
        server.listen(candidate, "127.0.0.1", () => {
          server.off("error", reject);
          resolve(candidate);
        });
      }),
  );
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
