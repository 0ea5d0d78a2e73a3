import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { ResultStatus, RuleResult, RuleScope, Severity } from "@/lib/rules";
import { buildActionPlan, type ActionPlan, type PlanAction, type PlanServer } from "./action-plan";
import { rollup, verdictOf } from "./rollup";
import { applyWaivers, type Waiver } from "./waivers";
import { evidenceFingerprint } from "./waiver-fingerprint";

function server(partial: Partial<PlanServer> = {}): PlanServer {
  return { domain: "corp.example", site: "HQ", blocking: [], conditions: [], unknownBlockers: [], ...partial };
}

const byKey = (plan: ActionPlan, key: string): PlanAction => {
  const action = plan.ranked.find((a) => a.key === key);
  if (!action) throw new Error(`no action ${key}; have ${plan.ranked.map((a) => a.key).join(", ")}`);
  return action;
};

describe("buildActionPlan", () => {
  it("is empty for no servers, and for servers with nothing open", () => {
    expect(buildActionPlan([])).toEqual({ servers: 0, before: { ready: 0, "ready-with-conditions": 0, unknown: 0, "not-ready": 0 }, ranked: [], plan: [] });
    const plan = buildActionPlan([server(), server()]);
    expect(plan.ranked).toEqual([]);
    expect(plan.before.ready).toBe(2);
  });

  it("single domain rule: one action for the domain, moving every server it alone blocks", () => {
    const plan = buildActionPlan([
      server({ blocking: ["domain-kds-root-key"] }),
      server({ blocking: ["domain-kds-root-key"] }),
      server({ blocking: ["domain-kds-root-key", "host-memory"] }),
      server({ domain: "other.example", blocking: ["domain-kds-root-key"] }),
    ]);
    const corp = byKey(plan, "domain-rule:corp.example:domain-kds-root-key");
    expect(corp.kind).toBe("domain-rule");
    expect(corp.scope).toEqual({ type: "domain", domain: "corp.example" });
    expect(corp.ruleIds).toEqual(["domain-kds-root-key"]);
    expect(corp.servers).toBe(3);
    expect(corp.firstServer).toBe(0);
    expect(byKey(plan, "host-rule:host-memory").firstServer).toBe(2);
    expect(corp.failingBlocker).toBe(3);
    expect(corp.alone).toEqual({ toReady: 2, toConditions: 0, conditionsCleared: 0 });
    expect(byKey(plan, "domain-rule:other.example:domain-kds-root-key").alone.toReady).toBe(1);
    const memory = byKey(plan, "host-rule:host-memory");
    expect(memory.scope).toEqual({ type: "fleet" });
    expect(memory.alone.toReady).toBe(0);
    // Ranked by servers moved alone; the plan ends with every server ready.
    expect(plan.ranked[0].key).toBe(corp.key);
    expect(plan.plan.at(-1)?.after).toEqual({ ready: 4, "ready-with-conditions": 0, unknown: 0, "not-ready": 0 });
  });

  it("two rules needed together: neither moves the server alone, the cumulative plan does", () => {
    const plan = buildActionPlan([server({ blocking: ["domain-kds-root-key", "host-dotnet-version"] })]);
    const kds = byKey(plan, "domain-rule:corp.example:domain-kds-root-key");
    const dotnet = byKey(plan, "host-rule:host-dotnet-version");
    expect(kds.alone).toEqual({ toReady: 0, toConditions: 0, conditionsCleared: 0 });
    expect(dotnet.alone).toEqual({ toReady: 0, toConditions: 0, conditionsCleared: 0 });
    expect(plan.plan.map((a) => a.step)).toEqual([1, 2]);
    expect(plan.plan[0].inPlan.toReady).toBe(0);
    expect(plan.plan[0].after["not-ready"]).toBe(1);
    expect(plan.plan[1].inPlan.toReady).toBe(1);
    expect(plan.plan[1].after.ready).toBe(1);
  });

  it("greedy order counts each step after the steps before it", () => {
    // A alone unblocks 3; B alone unblocks 2; C unblocks nothing alone but, after A, 2 more.
    const plan = buildActionPlan([
      server({ blocking: ["domain-kds-root-key"] }),
      server({ blocking: ["domain-kds-root-key"] }),
      server({ blocking: ["domain-kds-root-key"] }),
      server({ blocking: ["host-memory"] }),
      server({ blocking: ["host-memory"] }),
      server({ blocking: ["domain-kds-root-key", "host-tls12-schannel"] }),
      server({ blocking: ["domain-kds-root-key", "host-tls12-schannel"] }),
      server({ blocking: ["domain-kds-root-key", "host-tls12-schannel"] }),
    ]);
    expect(plan.plan.map((a) => a.key)).toEqual(["domain-rule:corp.example:domain-kds-root-key", "host-rule:host-tls12-schannel", "host-rule:host-memory"]);
    expect(plan.plan.map((a) => a.inPlan.toReady)).toEqual([3, 3, 2]);
    expect(plan.plan.map((a) => a.after.ready)).toEqual([3, 6, 8]);
    // Ranking is by the figure alone: KDS 3, memory 2, TLS 0.
    expect(plan.ranked.map((a) => [a.key, a.alone.toReady])).toEqual([
      ["domain-rule:corp.example:domain-kds-root-key", 3],
      ["host-rule:host-memory", 2],
      ["host-rule:host-tls12-schannel", 0],
    ]);
  });

  it("a blocker fix that leaves a failing warning moves the server to Ready with conditions; a warning-only fix clears conditions", () => {
    const plan = buildActionPlan([
      server({ blocking: ["host-memory"], conditions: ["host-os-recommended"] }),
      server({ conditions: ["host-os-recommended"] }),
    ]);
    const memory = byKey(plan, "host-rule:host-memory");
    expect(memory.alone).toEqual({ toReady: 0, toConditions: 1, conditionsCleared: 0 });
    const os = byKey(plan, "host-rule:host-os-recommended");
    expect(os.failingWarning).toBe(2);
    expect(os.alone).toEqual({ toReady: 0, toConditions: 0, conditionsCleared: 1 });
    expect(plan.ranked[0].key).toBe(memory.key);
    expect(plan.plan.map((a) => a.key)).toEqual([memory.key, os.key]);
    expect(plan.plan[1].inPlan).toEqual({ toReady: 0, toConditions: 0, conditionsCleared: 2 });
    expect(plan.plan[1].after).toEqual({ ready: 2, "ready-with-conditions": 0, unknown: 0, "not-ready": 0 });
  });

  it("unknown blockers: host data is one fleet 'collect' action, domain data one action per domain", () => {
    const plan = buildActionPlan([
      server({ unknownBlockers: ["host-dotnet-version", "host-memory", "host-tls12-schannel"] }),
      server({ unknownBlockers: ["host-memory"], conditions: ["host-os-recommended"] }),
      server({ site: "Branch", unknownBlockers: ["host-memory", "domain-kds-root-key"] }),
      server({ unknownBlockers: ["domain-kds-root-key", "gmsa-acl-read-objects"] }),
      server({ blocking: ["host-memory"], unknownBlockers: ["host-dotnet-version"] }),
    ]);
    const collect = byKey(plan, "collect");
    expect(collect.kind).toBe("collect");
    expect(collect.scope).toEqual({ type: "fleet" });
    expect(collect.ruleIds).toEqual(["host-dotnet-version", "host-memory", "host-tls12-schannel"]);
    expect(collect.servers).toBe(4);
    expect(collect.unknownBlocker).toBe(4);
    // Server 1 -> Ready, server 2 -> Ready with conditions; server 3 still waits for domain data; server 5 still fails memory.
    expect(collect.alone).toEqual({ toReady: 1, toConditions: 1, conditionsCleared: 0 });
    const domainData = byKey(plan, "domain-data:corp.example");
    expect(domainData.ruleIds).toEqual(["domain-kds-root-key", "gmsa-acl-read-objects"]);
    expect(domainData.alone.toReady).toBe(1);
    expect(plan.before.unknown).toBe(4);
    expect(plan.plan.at(-1)?.after.ready).toBe(5);
  });

  it("waived results are not open problems (the stored lists leave them out, as the roll-up does)", () => {
    // Build the server's lists from real results through applyWaivers and rollup, then plan on them.
    const fail: RuleResult = { ruleId: "host-memory", status: "fail", severity: "blocker", scope: "host", message: "4 GB", evidence: [{ fact: "host.memory.totalGb", actual: 4, expected: ">= 4" }] };
    const waiver: Waiver = { id: "w1", ruleId: "host-memory", scope: "server", by: "admin", reason: "lab", expiresAt: "2099-01-01T00:00:00Z", accepted: [{ fingerprint: evidenceFingerprint(fail), summary: "4" }] };
    const waived = applyWaivers([fail], [waiver], "2026-01-01T00:00:00Z").results;
    expect(waived[0].status).toBe("waived");
    const readiness = rollup(waived);
    const plan = buildActionPlan([server({ blocking: readiness.blockingRuleIds, conditions: readiness.conditionRuleIds, unknownBlockers: [] })]);
    expect(plan.ranked).toEqual([]);
    expect(plan.before.ready).toBe(1);
    // Without the waiver the same server needs the action.
    const unwaived = rollup([fail]);
    expect(buildActionPlan([server({ blocking: unwaived.blockingRuleIds })]).ranked.map((a) => a.key)).toEqual(["host-rule:host-memory"]);
  });

  it("network rules are one action per AD site (one firewall change), servers without a site together", () => {
    const plan = buildActionPlan([
      server({ site: "HQ", blocking: ["host-port-443"] }),
      server({ site: "HQ", blocking: ["host-port-443", "host-endpoints"] }),
      server({ site: "HQ", blocking: ["host-endpoints", "host-memory"] }),
      server({ site: "Branch", blocking: ["host-port-443"] }),
      server({ site: null, blocking: ["host-port-443"] }),
      server({ site: "", domain: "other.example", blocking: ["host-port-80", "host-endpoints"] }),
    ]);
    const hq = byKey(plan, "site-network:HQ");
    expect(hq.kind).toBe("site-rule");
    expect(hq.scope).toEqual({ type: "site", site: "HQ" });
    expect(hq.ruleIds).toEqual(["host-endpoints", "host-port-443"]);
    expect(hq.servers).toBe(3);
    expect(hq.failingBlocker).toBe(3);
    // The server failing both rules is moved by the one action; the third still fails memory.
    expect(hq.alone.toReady).toBe(2);
    expect(byKey(plan, "site-network:Branch").alone.toReady).toBe(1);
    const noSite = byKey(plan, "site-network:");
    expect(noSite.scope).toEqual({ type: "site", site: "" });
    expect(noSite.ruleIds).toEqual(["host-endpoints", "host-port-443", "host-port-80"]);
    expect(noSite.servers).toBe(2);
    expect(noSite.alone.toReady).toBe(2);
  });

  it("workgroup servers: joining a domain covers the join rule and the domain rules they cannot be judged on", () => {
    const plan = buildActionPlan([
      server({ domain: "", blocking: ["host-domain-joined"], unknownBlockers: ["domain-kds-root-key", "domain-schema-gmsa", "gmsa-acl-read-objects"] }),
      server({ domain: "", blocking: ["host-domain-joined", "host-memory"], unknownBlockers: ["domain-kds-root-key"] }),
    ]);
    const join = byKey(plan, "workgroup");
    expect(join.ruleIds).toEqual(["domain-kds-root-key", "domain-schema-gmsa", "gmsa-acl-read-objects", "host-domain-joined"]);
    expect(join.servers).toBe(2);
    expect(join.alone.toReady).toBe(1);
    expect(plan.ranked.map((a) => a.key).sort()).toEqual(["host-rule:host-memory", "workgroup"]);
  });

  it("tenant rules are one fleet action each, their unknowns one 'tenant-data' action; fleet rules count per domain", () => {
    const plan = buildActionPlan([
      server({ blocking: ["tenant-hybrid-admin"] }),
      server({ domain: "other.example", blocking: ["tenant-hybrid-admin"] }),
      server({ unknownBlockers: ["tenant-custom-domain"] }),
    ]);
    expect(byKey(plan, "tenant-rule:tenant-hybrid-admin").alone.toReady).toBe(2);
    expect(byKey(plan, "tenant-data").alone.toReady).toBe(1);
    const agents = buildActionPlan([server({ conditions: ["fleet-agent-count"] }), server({ domain: "other.example", conditions: ["fleet-agent-count"] })]);
    expect(agents.ranked.map((a) => a.key).sort()).toEqual(["domain-rule:corp.example:fleet-agent-count", "domain-rule:other.example:fleet-agent-count"]);
  });

  it("takes rule scopes from the option (an unknown id counts as a host rule)", () => {
    const scopes: Record<string, RuleScope> = { "x-shared": "domain" };
    const plan = buildActionPlan([server({ blocking: ["x-shared", "x-new"] })], { scopeOf: (id) => scopes[id] });
    expect(plan.ranked.map((a) => a.key).sort()).toEqual(["domain-rule:corp.example:x-shared", "host-rule:x-new"]);
  });

  it("figures equal a real roll-up re-run with the action's results set to pass (property)", () => {
    const rules: { id: string; scope: RuleScope }[] = [
      { id: "domain-kds-root-key", scope: "domain" },
      { id: "gmsa-acl-read-objects", scope: "gmsa-acl" },
      { id: "host-memory", scope: "host" },
      { id: "host-port-443", scope: "host" },
      { id: "host-dotnet-version", scope: "host" },
      { id: "tenant-hybrid-admin", scope: "tenant" },
    ];
    const status = fc.constantFrom<[ResultStatus, Severity]>(["pass", "blocker"], ["fail", "blocker"], ["fail", "warning"], ["unknown", "blocker"], ["unknown", "warning"], ["waived", "blocker"], ["fail", "info"]);
    const host = fc.record({ domain: fc.constantFrom("a.example", "b.example"), site: fc.constantFrom("S1", "S2", null), statuses: fc.array(status, { minLength: rules.length, maxLength: rules.length }) });
    fc.assert(
      fc.property(fc.array(host, { maxLength: 25 }), (hosts) => {
        const results = hosts.map((h) => h.statuses.map(([st, sev], i): RuleResult => ({ ruleId: rules[i].id, status: st, severity: sev, scope: rules[i].scope, message: "", evidence: [] })));
        const servers = hosts.map((h, i) => {
          const readiness = rollup(results[i]);
          const unknownBlockers = results[i].filter((r) => r.status === "unknown" && r.severity === "blocker").map((r) => r.ruleId);
          return { domain: h.domain, site: h.site, blocking: readiness.blockingRuleIds, conditions: readiness.conditionRuleIds, unknownBlockers };
        });
        const plan = buildActionPlan(servers);
        for (const action of plan.ranked) {
          // Re-run the real roll-up with this action's open results set to pass for the servers in its scope.
          let toReady = 0;
          let toConditions = 0;
          let cleared = 0;
          // Data actions resolve unknown blockers; the others resolve failures.
          const dataAction = action.kind === "collect" || action.kind === "domain-data" || action.kind === "tenant-data";
          hosts.forEach((h, i) => {
            const inScope =
              action.scope.type === "fleet" || (action.scope.type === "domain" ? action.scope.domain === h.domain : action.scope.site === (h.site ?? ""));
            if (!inScope) return;
            const before = rollup(results[i]).verdict;
            const patched = results[i].map((r) =>
              action.ruleIds.includes(r.ruleId) && (dataAction ? r.status === "unknown" && r.severity === "blocker" : r.status === "fail" && r.severity !== "info")
                ? { ...r, status: "pass" as const }
                : r,
            );
            const after = rollup(patched).verdict;
            if (before === after) return;
            if ((before === "not-ready" || before === "unknown") && after === "ready") toReady++;
            else if ((before === "not-ready" || before === "unknown") && after === "ready-with-conditions") toConditions++;
            else if (before === "ready-with-conditions" && after === "ready") cleared++;
          });
          expect(action.alone).toEqual({ toReady, toConditions, conditionsCleared: cleared });
        }
        // Every action done: every server is ready.
        const last = plan.plan.at(-1);
        if (last) expect(last.after.ready).toBe(hosts.length);
        expect(plan.plan.map((a) => a.step)).toEqual(plan.plan.map((_, i) => i + 1));
      }),
      { numRuns: 200 },
    );
  });
});

describe("verdictOf", () => {
  it("is the roll-up's rule", () => {
    expect(verdictOf(1, true, 1)).toBe("not-ready");
    expect(verdictOf(0, true, 1)).toBe("unknown");
    expect(verdictOf(0, false, 1)).toBe("ready-with-conditions");
    expect(verdictOf(0, false, 0)).toBe("ready");
  });
});
