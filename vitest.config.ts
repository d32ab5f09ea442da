import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["**/*.test.ts"],
    // "**/node_modules/**": bench/ has its own install (Prism), whose packages ship .test.ts files.
    exclude: ["**/node_modules/**", "dist/**", "reports/**"],
    // CLI end-to-end tests spawn the compiled binary: build once before any test file runs.
    globalSetup: ["./test-support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
