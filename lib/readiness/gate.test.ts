import { describe, expect, it } from "vitest";
import { evaluateWaveGate, type GateInput, type GateServer } from "./gate";

const server = (name: string, ids: Partial<Pick<GateServer, "blockingRuleIds" | "conditionRuleIds" | "unknownBlockerIds">> = {}): GateServer => ({
  fqdn: `${name.toLowerCase()}.corp.contoso.com`,
  name,
  domain: "corp.contoso.com",
  blockingRuleIds: [],
  conditionRuleIds: [],
  unknownBlockerIds: [],
  ...ids,
});

const input = (overrides: Partial<GateInput> = {}): GateInput => ({
  memberCount: 3,
  problemServers: [],
  problemServerCount: 0,
  domains: [{ domain: "corp.contoso.com", installed: 1, planned: 2 }],
  recommendedAgents: 3,
  ...overrides,
});

describe("evaluateWaveGate", () => {
  it("is go when no member has an issue and every domain reaches the recommended agents", () => {
    const outcome = evaluateWaveGate(input());
    expect(outcome.status).toBe("go");
    expect(outcome.blockers).toEqual([]);
    expect(outcome.summary).toContain("All 3 servers are clear");
  });

  it("is no-go for an empty wave", () => {
    expect(evaluateWaveGate(input({ memberCount: 0 }))).toMatchObject({ status: "no-go", blockers: [{ kind: "empty" }] });
  });

  it("lists failing blockers, unknown blockers and unwaived failing warnings, blockers first, per server", () => {
    const problems = [
      server("B01", { conditionRuleIds: ["host-not-server-core"], blockingRuleIds: ["host-memory"] }),
      server("A01", { unknownBlockerIds: ["host-tls12-schannel"] }),
    ];
    const outcome = evaluateWaveGate(input({ problemServers: problems, problemServerCount: 2 }));
    expect(outcome.status).toBe("no-go");
    expect(outcome.blockers.map((b) => (b.kind === "server" ? `${b.name}:${b.ruleId}:${b.issue}` : b.kind))).toEqual([
      "A01:host-tls12-schannel:unknown-blocker",
      "B01:host-memory:fails-blocker",
      "B01:host-not-server-core:fails-warning",
    ]);
    expect(outcome.problemServerCount).toBe(2);
    expect(outcome.summary).toMatch(/2 servers with a failing or unknown blocker/);
  });

  it("counts installed plus planned agents per domain against the recommendation", () => {
    const outcome = evaluateWaveGate(
      input({
        domains: [
          { domain: "corp.contoso.com", installed: 0, planned: 2 },
          { domain: "emea.contoso.com", installed: 3, planned: 0 },
        ],
      }),
    );
    expect(outcome.status).toBe("no-go");
    expect(outcome.blockers).toEqual([{ kind: "agents", domain: "corp.contoso.com", installed: 0, planned: 2, needed: 3 }]);
    expect(outcome.summary).toContain("1 domain short of 3 agents (corp.contoso.com)");
  });

  it("uses the total count when only a prefix of the problem servers is given", () => {
    const outcome = evaluateWaveGate(input({ problemServers: [server("A01", { blockingRuleIds: ["host-memory"] })], problemServerCount: 40 }));
    expect(outcome.blockerCount).toBe(40);
    expect(outcome.problemServerCount).toBe(40);
  });

  it("ignores servers without a domain for the agent count", () => {
    expect(evaluateWaveGate(input({ domains: [{ domain: "", installed: 0, planned: 0 }] })).status).toBe("go");
  });
});
