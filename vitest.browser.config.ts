/**
 * The browser tests (`npm run test:browser`): the run report opened in a real Chromium. Kept out
 * of `npm test`, which must run on a machine without a browser; .ci/run installs Debian's chromium
 * and runs these after it.
 */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["**/*.browser.ts"],
    exclude: ["node_modules/**", "dist/**", "reports/**"],
    // The test spawns the compiled binary for a real run: build first, as the other suites do.
    globalSetup: ["./test-support/global-setup.ts"],
    testTimeout: 240_000,
    hookTimeout: 240_000,
  },
});
