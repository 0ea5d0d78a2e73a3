import { describe, expect, it } from "vitest";
import type { HostFacts } from "@/lib/facts";
import { fail, pass, type Rule, type RuleContext, type RuleOutcome, type RuleScope, type Severity, unknown } from "@/lib/rules";
import { createEvaluator, domainFactsFor, partitionRules, scopeForDomain, type FleetInput } from "./fleet-evaluator";
import { evidenceFingerprint, evidenceSummary } from "./waiver-fingerprint";

function rule(id: string, scope: RuleScope, severity: Severity, evaluate: (ctx: RuleContext) => RuleOutcome): Rule {
  return {
    meta: {
      id,
      title: `Fake requirement ${id}`,
      severity,
      scope,
      rationale: "A fake rule for evaluator tests.",
      source: { document: "Fake doc", section: "Fake section", url: "https://example.com/doc", revised: "2026-01-01" },
      remediation: { summary: "Do the fake thing." },
    },
    evaluate,
    examples: [],
  };
}

let sharedCalls = 0;
const RULES: Rule[] = [
  rule("domain-kds", "domain", "blocker", (ctx) => {
    sharedCalls++;
    const keys = ctx.domain?.kdsRootKeys;
    if (keys === undefined) return unknown("domain.kdsRootKeys", "Upload domain facts");
    return keys.length > 0 ? pass("KDS root key exists") : fail("No KDS root key");
  }),
  rule("fleet-agents", "fleet", "warning", (ctx) => {
    const name = ctx.domain?.dnsName;
    const entry = name === undefined ? undefined : ctx.fleet?.domains?.[name];
    if (entry === undefined) return unknown("fleet.domains", "Upload host inventories");
    return entry.agentHosts.length >= 2 ? pass("enough agents") : fail("fewer than 2 agents");
  }),
  rule("host-memory", "host", "blocker", (ctx) => {
    const bytes = ctx.host?.memory?.totalPhysicalBytes;
    if (bytes === undefined) return unknown("host.memory.totalPhysicalBytes", "Run the collector");
    return bytes >= 4 * 2 ** 30 ? pass("enough RAM") : fail("not enough RAM");
  }),
  rule("host-reads-domain", "host", "warning", (ctx) =>
    ctx.domain?.gmsa?.principalsAllowedToRetrievePassword?.includes(ctx.host?.identity?.netbiosName ?? "?")
      ? pass("may retrieve")
      : fail("may not retrieve"),
  ),
  rule("scope-ous", "sync-scope", "blocker", (ctx) => {
    const configurations = ctx.scope?.configurations;
    if (configurations === undefined) return unknown("scope.configurations", "Upload sync scope");
    return configurations.every((c) => (c.ous?.length ?? 0) <= 50) ? pass("ok") : fail("too many OUs");
  }),
  rule("tenant-admin", "tenant", "info", (ctx) => (ctx.tenant?.tenantId ? pass("tenant known") : unknown("tenant.tenantId", "Upload tenant facts"))),
];

const GIB = 2 ** 30;
function host(name: string, domain: string, memoryGiB: number, installed = false): HostFacts {
  return {
    identity: { fqdn: `${name}.${domain}`, netbiosName: name.toUpperCase(), domain },
    memory: { totalPhysicalBytes: memoryGiB * GIB },
    agent: { installed },
  };
}

function input(): FleetInput {
  return {
    asOf: "2026-08-01T00:00:00Z",
    hosts: [
      host("a1", "corp.contoso.com", 8, true),
      host("a2", "corp.contoso.com", 2, true),
      host("b1", "emea.contoso.com", 16),
      { memory: { totalPhysicalBytes: 8 * GIB } },
    ],
    domains: {
      "CORP.contoso.com": {
        domain: { dnsName: "corp.contoso.com", kdsRootKeys: [{ effectiveTime: "2020-01-01T00:00:00Z" }], gmsa: { principalsAllowedToRetrievePassword: ["A1"] } },
      },
      "emea.contoso.com": { domain: { dnsName: "emea.contoso.com", kdsRootKeys: [] }, scope: { configurations: [{ name: "emea", ous: [] }] } },
    },
    tenant: { tenantId: "t" },
    scope: {
      configurations: [
        { name: "corp", domain: "corp.contoso.com", ous: [] },
        { name: "emea-big", domain: "emea.contoso.com", ous: Array.from({ length: 60 }, (_, i) => `OU=${i}`) },
      ],
    },
  };
}

describe("createEvaluator", () => {
  const evaluator = createEvaluator(RULES, "rs-test");

  it("splits host rules from shared rules, keeping registry order", () => {
    expect(evaluator.hostRules.map((r) => r.meta.id)).toEqual(["host-memory", "host-reads-domain"]);
    expect(evaluator.sharedRules.map((r) => r.meta.id)).toEqual(["domain-kds", "fleet-agents", "scope-ous", "tenant-admin"]);
    expect(partitionRules([]).hostRules).toEqual([]);
  });

  it("evaluateHost runs host rules only, and they may read the domain", () => {
    const results = evaluator.evaluateHost({
      asOf: "2026-08-01T00:00:00Z",
      host: host("a1", "corp.contoso.com", 8),
      domain: { gmsa: { principalsAllowedToRetrievePassword: ["A1"] } },
    });
    expect(results.map((r) => [r.ruleId, r.status])).toEqual([
      ["host-memory", "pass"],
      ["host-reads-domain", "pass"],
    ]);
  });

  it("evaluateShared runs non-host rules only", () => {
    const results = evaluator.evaluateShared({ asOf: "2026-08-01T00:00:00Z" });
    expect(results.map((r) => r.ruleId)).toEqual(["domain-kds", "fleet-agents", "scope-ous", "tenant-admin"]);
    expect(results.every((r) => r.status === "unknown")).toBe(true);
  });

  it("evaluateFleet evaluates shared rules once per domain and shares the results by reference", () => {
    sharedCalls = 0;
    const out = evaluator.evaluateFleet(input());
    expect(sharedCalls).toBe(3); // corp, emea, and the "" group of the host without a domain
    expect(out.rulesetVersion).toBe("rs-test");
    expect(out.asOf).toBe("2026-08-01T00:00:00Z");
    expect(out.hosts).toHaveLength(4);
    expect(out.hosts[0].sharedResults).toBe(out.hosts[1].sharedResults);
    expect(out.hosts[0].sharedResults).toBe(out.shared.get("corp.contoso.com"));
    expect(out.hosts[0].sharedResults).not.toBe(out.hosts[2].sharedResults);
  });

  it("builds fleet facts from the hosts and gives them to fleet rules", () => {
    const out = evaluator.evaluateFleet(input());
    expect(out.fleet.domains?.["corp.contoso.com"]).toEqual({ agentHosts: ["a1.corp.contoso.com", "a2.corp.contoso.com"], hostsWithAgentData: 2 });
    const status = (i: number, id: string) => [...out.hosts[i].hostResults, ...out.hosts[i].sharedResults].find((r) => r.ruleId === id)?.status;
    expect(status(0, "fleet-agents")).toBe("pass");
    expect(status(2, "fleet-agents")).toBe("fail");
  });

  it("rolls each host up from its own and its domain's results", () => {
    const out = evaluator.evaluateFleet(input());
    const [a1, a2, b1, orphan] = out.hosts.map((h) => h.readiness);
    expect(a1.verdict).toBe("ready");
    expect(a2).toMatchObject({ verdict: "not-ready", blockingRuleIds: ["host-memory"], conditionRuleIds: ["host-reads-domain"] });
    // emea: no KDS root key (blocker), its own scope (0 OUs) wins over the fleet-wide one (60 OUs).
    expect(b1).toMatchObject({ verdict: "not-ready", blockingRuleIds: ["domain-kds"], conditionRuleIds: ["fleet-agents", "host-reads-domain"] });
    expect(orphan).toMatchObject({ verdict: "unknown", unknownRuleIds: ["domain-kds", "fleet-agents"] });
  });

  it("filters the fleet-wide scope to the host's domain", () => {
    const base = input();
    const out = evaluator.evaluateFleet({ ...base, domains: { ...base.domains, "emea.contoso.com": { domain: { dnsName: "emea.contoso.com", kdsRootKeys: [{ effectiveTime: "2020-01-01T00:00:00Z" }] } } } });
    const scopeOf = (i: number) => out.hosts[i].sharedResults.find((r) => r.ruleId === "scope-ous")?.status;
    expect(scopeOf(0)).toBe("pass"); // corp only sees its own configuration
    expect(scopeOf(2)).toBe("fail"); // emea sees the 60-OU configuration
  });

  it("applies per-host waivers to own and shared results without touching other hosts' shared results", () => {
    const base = input();
    const failing = evaluator.evaluateFleet(base).shared.get("emea.contoso.com")!.find((r) => r.ruleId === "domain-kds")!;
    const accepted = [{ fingerprint: evidenceFingerprint(failing), summary: evidenceSummary(failing) }];
    const waiver = { id: "w", ruleId: "domain-kds", scope: "domain" as const, by: "bob", reason: "accepted", expiresAt: "2030-01-01T00:00:00Z", accepted };
    const out = evaluator.evaluateFleet({
      ...base,
      waiversFor: (h) => (h.identity?.fqdn === "b1.emea.contoso.com" ? [waiver] : undefined),
    });
    const b1 = out.hosts[2];
    expect(b1.sharedResults.find((r) => r.ruleId === "domain-kds")?.status).toBe("waived");
    expect(out.shared.get("emea.contoso.com")?.find((r) => r.ruleId === "domain-kds")?.status).toBe("fail");
    expect(b1.readiness.verdict).toBe("ready-with-conditions");
  });

  it("survives a throwing rule, reporting it", () => {
    const errors: string[] = [];
    const broken = createEvaluator([...RULES, rule("host-broken", "host", "blocker", () => {
      throw new Error("broken");
    })], "rs-x");
    const out = broken.evaluateFleet({ ...input(), onRuleError: (id) => errors.push(id) });
    expect(out.hosts[0].readiness).toMatchObject({ verdict: "unknown", unknownRuleIds: ["host-broken"] });
    expect(errors).toHaveLength(4);
  });

  it("handles an empty fleet", () => {
    const out = evaluator.evaluateFleet({ asOf: "2026-08-01T00:00:00Z", hosts: [], domains: {} });
    expect(out.hosts).toEqual([]);
    expect(out.shared.size).toBe(0);
  });
});

describe("domainFactsFor", () => {
  it("fills dnsName from the domain key, and nothing else", () => {
    expect(domainFactsFor("corp.contoso.com", undefined)).toEqual({ dnsName: "corp.contoso.com" });
    expect(domainFactsFor("corp.contoso.com", { schemaVersion: 88 })).toEqual({ schemaVersion: 88, dnsName: "corp.contoso.com" });
    const full = { dnsName: "corp.contoso.com", schemaVersion: 88 };
    expect(domainFactsFor("corp.contoso.com", full)).toBe(full);
    expect(domainFactsFor("", undefined)).toBeUndefined();
  });

  it("lets fleet rules find a domain that has hosts but no uploaded domain facts", () => {
    const out = createEvaluator(RULES, "rs").evaluateFleet({
      asOf: "2026-08-01T00:00:00Z",
      hosts: [host("a1", "lab.test", 8, true), host("a2", "lab.test", 8, true)],
      domains: {},
    });
    const shared = out.hosts[0].sharedResults;
    expect(shared.find((r) => r.ruleId === "fleet-agents")?.status).toBe("pass");
    expect(shared.find((r) => r.ruleId === "domain-kds")?.status).toBe("unknown");
  });
});

describe("scopeForDomain", () => {
  it("prefers the domain's own scope, else filters the fleet-wide one, keeping configurations without a domain", () => {
    const own = { configurations: [{ name: "own" }] };
    const wide = { configurations: [{ name: "a", domain: "A.test" }, { name: "b", domain: "b.test" }, { name: "any" }] };
    expect(scopeForDomain("a.test", own, wide)).toBe(own);
    expect(scopeForDomain("a.test", undefined, wide)?.configurations?.map((c) => c.name)).toEqual(["a", "any"]);
    expect(scopeForDomain("a.test", undefined, undefined)).toBeUndefined();
    const noDomains = { configurations: [{ name: "any" }] };
    expect(scopeForDomain("a.test", undefined, noDomains)).toBe(noDomains);
  });
});
