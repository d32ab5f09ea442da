import { describe, expect, it } from "vitest";
import { readHotHeaders } from "./hot-headers.js";

describe("readHotHeaders", () => {
  it("should read the four headers whatever the case of their names", () => {
    expect(
      readHotHeaders([
        "HOST",
        "example",
        "Authorization",
        "Bearer t",
        "content-TYPE",
        "application/json",
        "Content-Length",
        "2",
      ]),
    ).toEqual({
      host: "example",
      authorization: "Bearer t",
      contentType: "application/json",
      contentLength: "2",
    });
  });

  it("should keep the first of a repeated header, as req.headers does", () => {
    const headers = readHotHeaders(["authorization", "Bearer wrong", "authorization", "Bearer right"]);
    expect(headers.authorization).toBe("Bearer wrong");
  });

  it("should leave out headers that are absent, and ignore others of the same length", () => {
    // "x-ab" has the length of "host", "x-content-ty" that of "content-type".
    expect(readHotHeaders(["x-ab", "1", "x-content-ty", "2", "accept", "*/*"])).toEqual({
      host: undefined,
      authorization: undefined,
      contentType: undefined,
      contentLength: undefined,
    });
  });
});
