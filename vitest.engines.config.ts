/**
 * Tests that run the exports with real third-party engines (`npm run test:artillery`). Kept out of
 * `npm test`: the engines are large installs of their own (load/artillery-engine/), which .ci/run
 * makes before running these.
 */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["**/*.engine.ts"],
    exclude: ["**/node_modules/**", "dist/**", "reports/**"],
    globalSetup: ["./test-support/global-setup.ts"],
    testTimeout: 150_000,
    hookTimeout: 120_000,
  },
});
