import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// One public door per layer (docs/architecture.md): outside lib/rules/ only "@/lib/rules" (its index.ts) may be
// imported, and outside lib/readiness/ only "@/lib/readiness". Code inside each folder (and its tests) is exempt.
const RULES_DOOR = {
  group: ["@/lib/rules/*", "**/lib/rules/*"],
  message: 'Import from "@/lib/rules" (lib/rules/index.ts, the one public door of the rules); export what you need there.',
};
const READINESS_DOOR = {
  group: ["@/lib/readiness/*", "**/lib/readiness/*"],
  message: 'Import from "@/lib/readiness" (lib/readiness/index.ts, the one public door of readiness); export what you need there.',
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    files: ["**/*.{ts,tsx,mts,cts,js,mjs}"],
    ignores: ["lib/rules/**", "lib/readiness/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [RULES_DOOR, READINESS_DOOR] }] },
  },
  {
    files: ["lib/rules/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [READINESS_DOOR] }] },
  },
  {
    files: ["lib/readiness/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [RULES_DOOR] }] },
  },
  {
    // A parser never depends on the rules: the shared Active Directory vocabulary is in lib/facts/ad.
    files: ["lib/ingest/**"],
    ignores: ["lib/ingest/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib/rules", "@/lib/rules/*", "@/lib/readiness", "@/lib/readiness/*"], message: "lib/ingest comes before the rules: import shared vocabulary from @/lib/facts." },
          ],
        },
      ],
    },
  },
  globalIgnores([
    ".next/**",
    "lib/generated/**",
    "test-results/**",
    "playwright-report/**",
    "next-env.d.ts",
    "bench-output/**",
    "data/**",
  ]),
]);
