import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { closedPort, listenApart } from "./ports-apart.js";

const refused = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code === "ECONNREFUSED"));
  });

describe("ports apart from listen(0)'s range", () => {
  it("gives a closed port below the ephemeral range, so a connection to it is refused", async () => {
    const port = await closedPort();
    expect(port).toBeGreaterThanOrEqual(20_000);
    expect(port).toBeLessThan(32_768);
    expect(await refused(port)).toBe(true);
  });

  it("tries another port when one is taken, and throws any other error at once", async () => {
    const tried: number[] = [];
    const got = await listenApart(async (port) => {
      tried.push(port);
      if (tried.length === 1) throw Object.assign(new Error("in use"), { code: "EADDRINUSE" });
      return port;
    });
    expect(tried).toHaveLength(2);
    expect(got).toBe(tried[1]);
    await expect(listenApart(() => Promise.reject(new Error("EACCES")))).rejects.toThrow("EACCES");
  });
});
