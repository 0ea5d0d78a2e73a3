import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

const ALL = ["{lib,app,components,scripts,e2e}/**/*.test.{ts,tsx}"];

/**
 * Test files of pure code (rules, parsers, roll-up, facts, the demo generator, views' helpers, components' logic): no
 * database, no environment, no module mocks, no process-wide state. They share their worker's module cache instead of
 * importing the rules engine and the parsers again for every file (isolate: false), which took the whole unit run's
 * import time for them from ≈ 32 s to ≈ 6 s (summed over files) on the 2-core CI machine. Everything else (lib/data,
 * lib/auth, the API routes, reports, HTTP, scripts) keeps a fresh module graph and database per file.
 */
const SHARED_MODULES = [
  "lib/rules/**/*.test.{ts,tsx}",
  "lib/ingest/**/*.test.{ts,tsx}",
  "lib/readiness/**/*.test.{ts,tsx}",
  "lib/facts/**/*.test.{ts,tsx}",
  "lib/demo/**/*.test.{ts,tsx}",
  "lib/views/**/*.test.{ts,tsx}",
  "lib/remediation/**/*.test.{ts,tsx}",
  "lib/text/**/*.test.{ts,tsx}",
  "lib/powershell/**/*.test.{ts,tsx}",
  "lib/rollout/**/*.test.{ts,tsx}",
  "components/**/*.test.{ts,tsx}",
];

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      // `server-only` throws outside React Server Components; unit tests run the same modules in plain Node.
      "server-only": fileURLToPath(new URL("./test/server-only-stub.ts", import.meta.url)),
    },
  },
  test: {
    environment: "node",
    setupFiles: ["./test/setup-db.ts"],
    pool: "forks",
    testTimeout: 30_000,
    projects: [
      { extends: true, test: { name: "pure", include: SHARED_MODULES, isolate: false } },
      { extends: true, test: { name: "isolated", include: ALL, exclude: [...configDefaults.exclude, ...SHARED_MODULES] } },
    ],
  },
});
