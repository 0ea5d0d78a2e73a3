#!/usr/bin/env node
// `npm test`: the one gate. Typecheck, lint, migration drift, unit tests (on SQLite, and the lib/data and lib/auth files
// again on a throwaway PostgreSQL), production build, e2e (and the specs that write again on PostgreSQL,
// scripts/test-e2e-pg.mjs), the multi-instance test (scripts/test-multi-instance.ts).
import { spawnSync } from "node:child_process";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const steps = [
  ["typecheck", "npm", ["run", "-s", "typecheck"]],
  ["lint", "npm", ["run", "-s", "lint"]],
  ["migrations match schema.prisma", "npm", ["run", "-s", "db:migrate:check"]],
  ["unit tests", "npm", ["run", "-s", "test:unit"]],
  ["lib/data and lib/auth tests on PostgreSQL", "node", ["scripts/test-pg.mjs", "--ported"]],
  ["production build", "npm", ["run", "-s", "build"]],
  ["e2e", "npm", ["run", "-s", "test:e2e"]],
  ["e2e on PostgreSQL (the specs that write or sort)", "node", ["scripts/test-e2e-pg.mjs"]],
  ["two instances on one PostgreSQL (uploads, a kill mid-commit, consistency)", "npm", ["run", "-s", "test:multi"]],
];

const timings = [];
for (const [name, command, args] of steps) {
  const started = Date.now();
  console.log(`\n━━ ${name} ━━`);
  const result = spawnSync(command, args, { stdio: "inherit" });
  timings.push(`${name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (result.status !== 0) {
    console.error(`\n✗ ${name} failed (exit ${result.status}).`);
    process.exit(result.status ?? 1);
  }
}
console.log(`\n✓ all checks passed\n  ${timings.join("\n  ")}`);
