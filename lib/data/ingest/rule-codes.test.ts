import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { RULES } from "@/lib/rules";
import { RULE_CODES, ruleCode, ruleIdOf } from "./rule-codes";

/** The codes the migrations wrote: the first 57, as assigned on 2026-12-06. RULE_CODES may only grow beyond them. */
const RULE_CODES_AS_MIGRATED = Object.fromEntries(Object.entries(RULE_CODES).slice(0, 57));

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/** The first code no rule has (what a new rule takes). */
function nextFreeCode(): string {
  const used = new Set(Object.values(RULE_CODES));
  for (const a of ALPHABET) for (const b of ALPHABET) if (!used.has(a + b)) return a + b;
  throw new Error("no free code");
}

describe("rule codes", () => {
  it("gives every registered rule a code", () => {
    const missing = RULES.map((rule) => rule.meta.id).filter((id) => !Object.hasOwn(RULE_CODES, id));
    expect(missing, `add to RULE_CODES in lib/data/ingest/rule-codes.ts: ${missing.map((id) => `"${id}": "${nextFreeCode()}"`).join(", ")}`).toEqual([]);
  });

  it("uses two lower-case characters per code, each code once", () => {
    const codes = Object.values(RULE_CODES);
    for (const code of codes) expect(code).toMatch(/^[0-9a-z]{2}$/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("maps ids to codes and back; an id without a code stands for itself", () => {
    expect(ruleCode("host-memory")).toBe(RULE_CODES["host-memory"]);
    expect(ruleIdOf(ruleCode("host-memory"))).toBe("host-memory");
    expect(ruleCode("host-retired-rule")).toBe("host-retired-rule");
    expect(ruleIdOf("host-retired-rule")).toBe("host-retired-rule");
    expect(ruleCode("constructor")).toBe("constructor");
    expect(ruleIdOf("toString")).toBe("toString");
  });

  it("keeps the codes of the rules first coded (stored rows depend on them)", () => {
    expect(RULE_CODES["domain-admin-hardening"]).toBe("00");
    expect(RULE_CODES["host-memory"]).toBe("0y");
    expect(RULE_CODES["tenant-idfix"]).toBe("1k");
  });

  it("agrees with the migrations that rewrote the rows stored before the codes", () => {
    for (const file of ["prisma/migrations/20261206220000_rule_codes/migration.sql", "prisma/postgresql/migrations/20261206220000_rule_codes/migration.sql"]) {
      const sql = readFileSync(file, "utf8");
      const mapped = new Map<string, string>();
      for (const match of sql.matchAll(/, ',([a-z0-9-]+)([:,])', ',([0-9a-z]{2})([:,])'\)/g)) {
        expect(match[2], `${file}: ${match[0]}`).toBe(match[4]);
        const before = mapped.get(match[1]);
        expect(before ?? match[3], `${file}: ${match[1]} mapped twice`).toBe(match[3]);
        mapped.set(match[1], match[3]);
      }
      expect(Object.fromEntries(mapped), file).toEqual(RULE_CODES_AS_MIGRATED);
    }
  });
});
