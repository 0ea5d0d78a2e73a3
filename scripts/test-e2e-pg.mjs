#!/usr/bin/env node
// `npm test`'s Playwright pass on PostgreSQL (E2E_DB=postgres: a throwaway cluster, scripts/e2e-server.mjs) over the
// specs that write through the evaluation path or read what PostgreSQL sorts and filters differently: uploads, the
// upload queue, archives, the servers list, exports, rollout, domains (attestations) and change reports. The whole suite
// on PostgreSQL is `npm run test:e2e:pg` (run before a release; docs/deploy.md, "Tests"). Why a subset in `npm test`:
// the full second pass would add ~8 minutes to CI's ~17 (the repo's rule is "well under 30"). Within those files, the
// tests tagged @ui (themes, accessibility sweeps, layout, client-side form behaviour: nothing the database answers
// differently) run in the SQLite pass only; they were ~100 s of this pass's ~330 s on the CI machine of 2026-12-06.
// A developer machine without PostgreSQL's binaries skips it with a warning; CI never does.
import { spawnSync } from "node:child_process";
import { postgresBinDir } from "../lib/data/migrations/pg-throwaway.mjs";

export const POSTGRES_SPECS = [
  "e2e/uploads.spec.ts",
  "e2e/upload-queue.spec.ts",
  "e2e/upload-archive.spec.ts",
  "e2e/servers.spec.ts",
  "e2e/exports.spec.ts",
  "e2e/rollout.spec.ts",
  "e2e/domains.spec.ts",
  "e2e/changes.spec.ts",
];

if (postgresBinDir() === null && !process.env.CI) {
  console.warn("PostgreSQL's server binaries were not found (apt-get install postgresql): the Playwright pass on PostgreSQL is skipped.");
  process.exit(0);
}
const result = spawnSync("npx", ["playwright", "test", ...POSTGRES_SPECS, "--grep-invert", "@ui", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, E2E_DB: "postgres" },
});
process.exit(result.status ?? 1);
