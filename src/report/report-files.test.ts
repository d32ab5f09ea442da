import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeJsonReport, writeReportFile } from "./report-files.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "bleepay-qa-reports-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("report files", () => {
  it("creates missing folders and leaves no temporary file behind", async () => {
    const path = join(dir, "a", "b", "report.txt");
    expect(await writeReportFile(path, "hello")).toBe(path);
    expect(await readFile(path, "utf8")).toBe("hello");
    expect(await readdir(join(dir, "a", "b"))).toEqual(["report.txt"]);
  });

  it("replaces an existing report whole", async () => {
    const path = join(dir, "replace.txt");
    await writeReportFile(path, "x".repeat(10_000));
    await writeReportFile(path, "short");
    expect(await readFile(path, "utf8")).toBe("short");
  });

  it("writes JSON reports as NAME.json that parse back to the data", async () => {
    const data = { stage: "smoke", figures: { checks: 12 }, list: [1, "two", null] };
    const path = await writeJsonReport(dir, "smoke-result", data);
    expect(path).toBe(join(dir, "smoke-result.json"));
    expect(JSON.parse(await readFile(path, "utf8"))).toEqual(data);
  });

  it("writes bytes as given", async () => {
    const bytes = new Uint8Array([0, 255, 10]);
    const path = await writeReportFile(join(dir, "bytes.bin"), bytes);
    expect(new Uint8Array(await readFile(path))).toEqual(bytes);
  });
});
