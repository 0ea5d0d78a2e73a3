import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// One production build (`npm run build`) shared by every spec, one worker (2 cores: browser + server),
// a throwaway database reset by scripts/e2e-server.mjs on every run.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${PORT}`;
const systemChromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const executablePath = existsSync(systemChromium) ? systemChromium : undefined; // else Playwright's own browser

export default defineConfig({
  testDir: "e2e",
  testMatch: /.*\.spec\.ts$/,
  outputDir: "test-results/artifacts",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [["list"]],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    ...devices["Desktop Chrome"],
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    // Specs inject test-only styles (page.addStyleTag) before screenshots, which the page CSP (proxy.ts) refuses;
    // e2e/security-headers.spec.ts turns the bypass off and fails on any violation on every page.
    bypassCSP: true,
    launchOptions: { executablePath, args: ["--disable-gpu", "--disable-quic", "--disable-extensions"] },
  },
  // Order: sign in once per role -> the fresh-database checks, which end by loading the demo fleet
  // through the UI -> every other spec, which runs against the demo fleet.
  projects: [
    { name: "setup", testMatch: /global\.setup\.ts$/ },
    { name: "fresh", testMatch: /fresh\.spec\.ts$/, dependencies: ["setup"] },
    { name: "chromium", testIgnore: /(global\.setup|fresh\.spec)\.ts$/, dependencies: ["fresh"] },
  ],
  webServer: {
    command: `node scripts/e2e-server.mjs`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    // SIGTERM, not the default SIGKILL of the process group: scripts/e2e-server.mjs then stops its throwaway
    // PostgreSQL cluster (E2E_DB=postgres), which pg_ctl runs outside the group and a SIGKILL would leave running.
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    env: { E2E_PORT: String(PORT), NEXT_TELEMETRY_DISABLED: "1", E2E_DB: process.env.E2E_DB ?? "sqlite" },
  },
});
