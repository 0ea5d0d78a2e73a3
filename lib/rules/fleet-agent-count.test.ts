import { describe, expect, it } from "vitest";
import rule from "./fleet-agent-count";
import { ctx, describeRuleContract } from "./testing/domain-kit";
import type { FleetFacts } from "@/lib/facts";
import type { RuleOutcome } from "./types";

const hosts = (n: number) => Array.from({ length: n }, (_, i) => `sync0${i + 1}.corp.contoso.com`);
const fleetFor = (agentHosts: unknown, hostsWithAgentData: unknown = 4) =>
  ({ domains: { "corp.contoso.com": { agentHosts, hostsWithAgentData } } }) as FleetFacts;
const severityOf = (outcome: RuleOutcome) => (outcome.status === "fail" ? (outcome.severity ?? rule.meta.severity) : undefined);

describe("fleet-agent-count", () => {
  describeRuleContract(rule, "fleet-agent-count");

  it.each([
    [0, "fail"],
    [1, "fail"],
    [2, "fail"],
    [3, "pass"],
    [5, "pass"],
  ])("%i installed agents -> %s", (count, status) => {
    const outcome = rule.evaluate(ctx({ domain: { dnsName: "corp.contoso.com" }, fleet: fleetFor(hosts(count)) }));
    expect(outcome.status).toBe(status);
    if (status === "fail") expect(severityOf(outcome)).toBe("warning");
  });

  it("says no agent is installed yet when hosts reported but none has the agent", () => {
    const outcome = rule.evaluate(ctx({ domain: { dnsName: "corp.contoso.com" }, fleet: fleetFor([], 3) }));
    expect(outcome.message).toContain("No agent installed yet");
  });

  it("counts each host once (case-insensitive)", () => {
    const outcome = rule.evaluate(
      ctx({ domain: { dnsName: "corp.contoso.com" }, fleet: fleetFor(["SYNC01.corp.contoso.com", "sync01.corp.contoso.com", "sync02.corp.contoso.com"]) }),
    );
    expect(outcome.status).toBe("fail");
    expect(outcome.evidence[0]).toMatchObject({ fact: "fleet.domains[corp.contoso.com].agentHosts", actual: ["sync01.corp.contoso.com", "sync02.corp.contoso.com"] });
  });

  it("prefers domain.dnsName over the host's domain, and falls back to the host's domain", () => {
    const fleet: FleetFacts = {
      domains: {
        "corp.contoso.com": { agentHosts: hosts(3), hostsWithAgentData: 3 },
        "emea.contoso.com": { agentHosts: [], hostsWithAgentData: 1 },
      },
    };
    expect(rule.evaluate(ctx({ domain: { dnsName: "corp.contoso.com" }, host: { identity: { domain: "emea.contoso.com" } }, fleet })).status).toBe("pass");
    expect(rule.evaluate(ctx({ host: { identity: { domain: "EMEA.contoso.com" } }, fleet })).status).toBe("fail");
  });

  it("answers unknown when the domain has no agent data", () => {
    const outcome = rule.evaluate(ctx({ domain: { dnsName: "apac.contoso.com" }, fleet: fleetFor(hosts(3)) }));
    expect(outcome.status === "unknown" && outcome.reason.missingFact).toBe("fleet.domains[apac.contoso.com]");
    expect(rule.evaluate(ctx({ domain: { dnsName: "corp.contoso.com" }, fleet: fleetFor([], 0) })).status).toBe("unknown");
    expect(rule.evaluate(ctx({ domain: { dnsName: "corp.contoso.com" } })).status).toBe("unknown");
  });

  it("answers unknown naming domain.dnsName when no domain is known", () => {
    const outcome = rule.evaluate(ctx({ fleet: fleetFor(hosts(3)) }));
    expect(outcome.status === "unknown" && outcome.reason.missingFact).toBe("domain.dnsName");
  });

  it.each([[null], ["sync01"], [{ a: 1 }]])("answers unknown for malformed agentHosts %j", (value) => {
    expect(rule.evaluate(ctx({ domain: { dnsName: "corp.contoso.com" }, fleet: fleetFor(value) })).status).toBe("unknown");
  });
});
