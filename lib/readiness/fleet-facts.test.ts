import { describe, expect, it } from "vitest";
import type { HostFacts } from "@/lib/facts";
import { buildFleetFacts, domainKeyOf, hostLabelOf } from "./fleet-facts";

function host(fqdn: string | undefined, domain: string | undefined, installed?: boolean): HostFacts {
  return {
    identity: { fqdn, domain },
    ...(installed === undefined ? {} : { agent: { installed } }),
  };
}

describe("buildFleetFacts", () => {
  it("groups agent hosts by lower-case domain and counts hosts that reported agent data", () => {
    const fleet = buildFleetFacts([
      host("b.corp.contoso.com", "CORP.contoso.com", true),
      host("a.corp.contoso.com", "corp.contoso.com", true),
      host("c.corp.contoso.com", "corp.contoso.com", false),
      host("d.corp.contoso.com", "corp.contoso.com"),
      host("e.emea.contoso.com", "emea.contoso.com", false),
      host("f.nowhere", undefined, true),
    ]);
    expect(fleet).toEqual({
      domains: {
        "corp.contoso.com": { agentHosts: ["a.corp.contoso.com", "b.corp.contoso.com"], hostsWithAgentData: 3 },
        "emea.contoso.com": { agentHosts: [], hostsWithAgentData: 1 },
      },
    });
  });

  it("counts an agent object without installed as no agent data", () => {
    expect(buildFleetFacts([{ identity: { domain: "x.test" }, agent: { version: "1.1.2505.0" } }])).toEqual({
      domains: { "x.test": { agentHosts: [], hostsWithAgentData: 0 } },
    });
  });

  it("keeps a hostile domain name as plain data", () => {
    const fleet = buildFleetFacts([host("a.test", "__proto__", true), host("b.test", "constructor", true)]);
    expect(Object.keys(fleet.domains ?? {}).sort()).toEqual(["__proto__", "constructor"]);
    expect(fleet.domains?.["__proto__"]).toEqual({ agentHosts: ["a.test"], hostsWithAgentData: 1 });
    expect(Object.prototype).not.toHaveProperty("hostsWithAgentData");
  });

  it("returns no domains for an empty fleet", () => {
    expect(buildFleetFacts([])).toEqual({ domains: {} });
  });
});

describe("host keys", () => {
  it("derives the domain key and a label", () => {
    expect(domainKeyOf({ identity: { domain: " Corp.Contoso.com " } })).toBe("corp.contoso.com");
    expect(domainKeyOf({})).toBe("");
    expect(hostLabelOf({ identity: { fqdn: "SRV.corp.contoso.com" } }, 0)).toBe("srv.corp.contoso.com");
    expect(hostLabelOf({ identity: { netbiosName: "SRV" } }, 0)).toBe("SRV");
    expect(hostLabelOf({}, 4)).toBe("host #5");
  });
});

describe("domainKeyOf", () => {
  it("is the trimmed, lower-case domain, and the string itself when it already is", () => {
    for (const domain of ["corp.contoso.com", " Corp.Contoso.COM ", "corp contoso", "\tcorp", "ÉMEA.contoso.com", "", " "]) {
      expect(domainKeyOf({ identity: { domain } })).toBe(domain.trim().toLowerCase());
    }
    expect(domainKeyOf({})).toBe("");
  });
});
