import { describe, expect, it } from "vitest";
import { domainOfDn, isDomainRootDn, serverIdentityOf } from "./identity";

describe("server identity", () => {
  it("derives the row columns from host facts", () => {
    const identity = serverIdentityOf({
      identity: { fqdn: "SYNC01.Corp.Contoso.com", netbiosName: "SYNC01", domain: "Corp.Contoso.com", objectGuid: "ABC" },
      os: { caption: "Microsoft Windows Server 2022 Datacenter", build: 20348, productType: "server" },
      tags: ["Tier0", "pilot", "bad,tag"],
      site: " AMS ",
    });
    expect(identity).toMatchObject({
      fqdn: "sync01.corp.contoso.com",
      name: "SYNC01",
      domain: "corp.contoso.com",
      objectGuid: "abc",
      osName: "Windows Server 2022",
      osBuild: 20348,
      site: "AMS",
      tags: ",pilot,tier0,",
    });
  });

  it("qualifies a short name with its domain and refuses a record without a name", () => {
    expect(serverIdentityOf({ identity: { netbiosName: "APP7", domain: "corp.example" } })?.fqdn).toBe("app7.corp.example");
    expect(serverIdentityOf({ identity: {} })).toBeNull();
  });

  it("keeps the caption for clients and unknown builds", () => {
    expect(serverIdentityOf({ identity: { fqdn: "pc1" }, os: { caption: "Microsoft Windows 11 Pro", build: 22621, productType: "workstation" } })?.osName).toBe("Windows 11 Pro");
  });

  it("stores no build number a 32-bit column cannot hold (the facts keep it)", () => {
    const huge = serverIdentityOf({ identity: { fqdn: "odd1" }, os: { version: "10.0.99999999999" } });
    expect(huge?.osBuild).toBeNull();
    expect(serverIdentityOf({ identity: { fqdn: "odd2" }, os: { build: 2_147_483_647 } })?.osBuild).toBe(2_147_483_647);
  });

  it("reads domains from DNs", () => {
    expect(domainOfDn("OU=Servers,DC=corp,DC=contoso,DC=com")).toBe("corp.contoso.com");
    expect(isDomainRootDn("DC=corp,DC=contoso,DC=com")).toBe(true);
    expect(isDomainRootDn("OU=x,DC=corp,DC=com")).toBe(false);
  });
});
