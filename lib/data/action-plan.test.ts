import { beforeAll, describe, expect, it } from "vitest";
import { actionPlanSchema } from "@/lib/api/action-plan-schemas";
import { generateFleet } from "@/lib/demo";
import { fleetContextFiles } from "@/lib/demo/exports";
import { describePowerShellProblems } from "@/lib/powershell/lint";
import { COLLECT_DOMAIN, COLLECT_ONE, getActionPlan, getTopActions, networkChecks, type ActionPlanView } from "./action-plan";
import { buildPlanFleet, PLAN_EXPECTED } from "./action-plan.test-kit";
import { ingestFile } from "./ingest/ingest-file";
import { requestWaiver, type WaiverCaller } from "./waivers";

// The fleet of action-plan.test-kit.ts through the real ingest path into a throwaway database (test/setup-db.ts),
// next to the demo's tenant and sync-scope facts (as in the e2e database); nothing mocked.
const DOMAIN = "plan.example";
const lead: WaiverCaller = { kind: "session", userId: "u-lead", email: "lead@example.com", role: "lead" };
const encode = (text: string) => new TextEncoder().encode(text);

async function ingest(name: string, text: string, options: Record<string, string> = {}) {
  const response = await ingestFile({ bytes: encode(text), fileName: name, options, uploadedBy: { name: "test" } });
  if (!response.ok) throw new Error(`${name}: ${response.message}`);
  if (response.status !== "committed") throw new Error(`${name}: ${response.status}`);
}

const key = (template: string) => template.replace("<domain>", DOMAIN);
const find = (view: ActionPlanView, k: string) => {
  const action = view.actions.find((a) => a.key === k);
  if (!action) throw new Error(`no action ${k}; have ${view.actions.map((a) => a.key).join(", ")}`);
  return action;
};

describe("a site's network checks", () => {
  it("test each endpoint directly, or through the site's WinHTTP proxy when its servers have one", () => {
    const direct = networkChecks(["host-port-443"], "public");
    expect(direct.split("\n")[0]).toBe("Test-NetConnection -ComputerName download.msappproxy.net -Port 443");
    const proxied = networkChecks(["host-endpoints"], "public", { address: "proxy-lon.corp.contoso.com:8080", bypass: "<local>" }).split("\n");
    expect(proxied[0]).toBe("netsh winhttp show proxy");
    expect(proxied).toContain("Invoke-WebRequest -Uri 'https://login.microsoftonline.com/' -Method Head -UseBasicParsing -Proxy 'http://proxy-lon.corp.contoso.com:8080'");
    expect(proxied).toContain("Invoke-WebRequest -Uri 'http://crl.microsoft.com/' -Method Head -UseBasicParsing -Proxy 'http://proxy-lon.corp.contoso.com:8080'");
    expect(describePowerShellProblems(proxied.join("\n"))).toBe("");
  });
});

describe("getActionPlan", () => {
  it("is empty without servers", async () => {
    const view = await getActionPlan();
    expect(view).toMatchObject({ servers: 0, actions: [], planOrder: [], before: { ready: 0, "ready-with-conditions": 0, unknown: 0, "not-ready": 0 } });
    expect(view.afterAll).toEqual(view.before);
  });

  describe("with the plan fleet", () => {
    beforeAll(async () => {
      const demo = generateFleet({ servers: 30, seed: "demo" });
      for (const file of fleetContextFiles(demo).filter((f) => f.kind === "tenant" || f.kind === "sync-scope")) await ingest(file.name, file.text);
      for (const file of buildPlanFleet(DOMAIN).files) await ingest(file.name, file.text, file.options);
    });

    it("gives the designed figures: ranking alone, the cumulative plan and the counts after each step", async () => {
      const view = await getActionPlan({ domain: "Plan.Example" });
      expect(view.domain).toBe(DOMAIN);
      expect(view.servers).toBe(PLAN_EXPECTED.servers);
      expect(view.before).toEqual(PLAN_EXPECTED.before);
      expect(view.actions).toHaveLength(PLAN_EXPECTED.actions);
      const kds = view.actions[0];
      expect(kds).toMatchObject({ key: key(PLAN_EXPECTED.kds.key), rank: 1, step: 1, servers: 14, alone: { toReady: 0, toConditions: 7, conditionsCleared: 0 } });
      expect(view.planOrder.slice(0, PLAN_EXPECTED.steps.length)).toEqual(PLAN_EXPECTED.steps.map((s) => key(s.key)));
      for (const step of PLAN_EXPECTED.steps) {
        const action = find(view, key(step.key));
        const [toReady, toConditions, conditionsCleared] = step.inPlan;
        expect(action.servers, step.key).toBe(step.servers);
        expect(action.inPlan, step.key).toEqual({ toReady, toConditions, conditionsCleared });
        expect(action.after, step.key).toEqual(step.after);
      }
      for (const k of PLAN_EXPECTED.zeroAlone) expect(find(view, key(k)).alone, k).toEqual({ toReady: 0, toConditions: 0, conditionsCleared: 0 });
      expect(view.afterAll).toEqual(PLAN_EXPECTED.afterAll);
      // What GET /api/action-plan answers is this view, checked against its OpenAPI schema.
      expect(actionPlanSchema.parse(view)).toEqual(view);
    });

    it("gives each action its rules, servers link and runnable commands", async () => {
      const view = await getActionPlan({ domain: DOMAIN });
      const kds = find(view, key(PLAN_EXPECTED.kds.key));
      expect(kds.title).toBe(`In ${DOMAIN}: ${kds.rules[0].title}`);
      expect(kds.scope).toEqual({ type: "domain", domain: DOMAIN, site: null });
      expect(kds.rules).toEqual([{ id: "domain-kds-root-key", title: expect.any(String), href: "/rules/domain-kds-root-key", serversHref: null }]);
      expect(kds.serversHref).toBe(`/servers?rule=domain-kds-root-key&domain=${DOMAIN}`);
      expect(kds.commands.some((c) => c.code.includes("Add-KdsRootKey"))).toBe(true);
      expect(kds.links[0].href).toMatch(/^\/domains/);
      const site = find(view, "site-network:branch");
      expect(site.scopeLabel).toBe("Site branch");
      expect(site.title).toBe("Site branch: allow TCP 443 and every required endpoint URL of its cloud outbound");
      expect(site.serversHref).toBe(`/servers?rule=host-endpoints&domain=${DOMAIN}&site=branch`);
      expect(site.rules.map((r) => r.serversHref)).toEqual([`/servers?rule=host-endpoints&domain=${DOMAIN}&site=branch`, `/servers?rule=host-port-443&domain=${DOMAIN}&site=branch`]);
      const checks = site.commands[0].code.split("\n");
      expect(checks).toContain("Test-NetConnection -ComputerName login.microsoftonline.com -Port 443");
      expect(checks).toContain("Test-NetConnection -ComputerName crl.microsoft.com -Port 80");
      for (const line of checks) expect(line).toMatch(/^Test-NetConnection -ComputerName [a-z0-9.-]+ -Port (80|443)$/);
      expect(find(view, "site-network:").scopeLabel).toBe("Servers without a site");
      const collect = find(view, "collect");
      expect(collect.commands.map((c) => c.code)).toContain(COLLECT_ONE);
      expect(collect.serversHref).toBe(`/servers?readiness=unknown&domain=${DOMAIN}`);
      const memory = find(view, "host-rule:host-memory");
      expect(memory.title).toMatch(/\(3 servers\)$/);
      expect(memory.links[0].href).toMatch(/^\/servers\/plan-0[678]\.plan\.example$/);
      // Code boxes hold commands, never the rules' prose.
      for (const action of view.actions) for (const command of action.commands) expect(command.code, action.key).not.toMatch(/^(Firewall|Proxy|Test): /m);
      expect(COLLECT_DOMAIN).toBe(".\\Get-CloudSyncReadiness.ps1 -IncludeDomain");
    });

    it("the fleet-wide plan includes the domain's actions; the overview gets the top ones", async () => {
      const fleet = await getActionPlan();
      expect(fleet.domain).toBeNull();
      expect(fleet.servers).toBe(14);
      const top = await getTopActions(3);
      expect(top.actions[0].key).toBe(key(PLAN_EXPECTED.kds.key));
      expect(top.actions.every((a) => a.alone.toReady + a.alone.toConditions + a.alone.conditionsCleared > 0)).toBe(true);
      expect(top.actions[0].commands).toEqual([]);
    });

    it("a waived result is no longer an action: a lead waives Tier 0 on one server (the cached plan is recomputed)", async () => {
    const cached = await getActionPlan({ domain: DOMAIN });
    expect(await getActionPlan({ domain: DOMAIN })).toBe(cached);
    expect(find(cached, "host-rule:host-tier0").servers).toBe(2);
      const outcome = await requestWaiver({ ruleId: "host-tier0", scope: "server", server: `plan-09.${DOMAIN}`, reason: "Tier 0 recorded elsewhere", expiresAt: new Date(Date.now() + 30 * 86_400_000) }, lead);
      if (!outcome.ok) throw new Error(outcome.message);
      const view = await getActionPlan({ domain: DOMAIN });
      expect(find(view, "host-rule:host-tier0").servers).toBe(1);
    });
  });
});
