import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ruleMetaSchema, type Rule } from "@/lib/rules/types";

/** The host rules this folder supports (host-gmsa-retrieval belongs to another author). */
const HOST_RULE_IDS = [
  "host-agent-version",
  "host-credential-manager",
  "host-domain-joined",
  "host-dotnet-strong-crypto",
  "host-dotnet-tls-defaults",
  "host-dotnet-version",
  "host-endpoints",
  "host-execution-policy",
  "host-memory",
  "host-not-server-core",
  "host-ntlm-restricted",
  "host-os-2025-update",
  "host-os-recommended",
  "host-os-supported",
  "host-port-443",
  "host-port-80",
  "host-port-8080",
  "host-tier0",
  "host-tls12-schannel",
];

async function load(id: string): Promise<Rule> {
  const loaded: { default: Rule } = await import(`../${id}.ts`);
  return loaded.default;
}

describe("host rules catalogue", () => {
  it("has a rule file and a test file for every id", () => {
    const files = readdirSync(path.join(__dirname, ".."));
    for (const id of HOST_RULE_IDS) {
      expect(files).toContain(`${id}.ts`);
      expect(files).toContain(`${id}.test.ts`);
    }
  });

  it.each(HOST_RULE_IDS)("%s: id equals the file name and the metadata validates", async (id) => {
    const rule = await load(id);
    expect(rule.meta.id).toBe(id);
    const meta = ruleMetaSchema.parse(rule.meta);
    expect(meta.scope).toBe("host");
    expect(meta.remediation.steps.length).toBeGreaterThan(0);
    expect(meta.notes.length).toBeGreaterThan(0);
    expect(typeof rule.remediationScript).toBe("function");
  });

  it.each(HOST_RULE_IDS)("%s: a failing example's fail is never more severe than the rule", async (id) => {
    const rule = await load(id);
    const order = { info: 0, warning: 1, blocker: 2 } as const;
    for (const example of rule.examples) {
      const outcome = rule.evaluate(example.context);
      if (outcome.status === "fail" && outcome.severity) {
        expect(order[outcome.severity]).toBeLessThanOrEqual(order[rule.meta.severity]);
      }
    }
  });

  it.each(HOST_RULE_IDS)("%s: remediation scripts of the examples follow the script convention", async (id) => {
    const rule = await load(id);
    for (const example of rule.examples) {
      const script = rule.remediationScript?.(example.context);
      if (example.expect === "pass") expect(script ?? null).toBeNull();
      if (typeof script !== "string") continue;
      expect(script).toContain("[CmdletBinding(SupportsShouldProcess)]");
      expect(script).toContain("$PSCmdlet.ShouldProcess(");
      expect(script.trimEnd().endsWith("} @args")).toBe(true);
      expect((script.match(/{/g) ?? []).length).toBe((script.match(/}/g) ?? []).length);
    }
  });

  it.each([...HOST_RULE_IDS, "host-gmsa-retrieval"])("%s: a call returns its own outcome, or a constant of the rule frozen whole", async (id) => {
    const rule = await load(id);
    for (const example of rule.examples) {
      const first = rule.evaluate(example.context);
      const second = rule.evaluate(structuredClone(example.context));
      expect(second).toEqual(first);
      // A shared outcome (and so the one result the engine shares for it) cannot be changed for every server at once.
      if (second === first) {
        expect(Object.isFrozen(first)).toBe(true);
        expect(Object.isFrozen(first.evidence)).toBe(true);
        if (first.status === "unknown") expect(Object.isFrozen(first.reason)).toBe(true);
      }
    }
  });
});
