import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

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
    include: ["{lib,app,components,scripts,e2e}/**/*.test.{ts,tsx}"],
    setupFiles: ["./test/setup-db.ts"],
    pool: "forks",
    testTimeout: 30_000,
  },
});
