import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseFile } from "../parse-file";

const fixture = (name: string) => new Uint8Array(readFileSync(`lib/ingest/fixtures/${name}`));
const refused = (name: string, bytes = fixture(name)) => {
  const parsed = parseFile(bytes, name, {});
  if (parsed.ok) throw new Error(`${name} was accepted without an account`);
  return parsed;
};

describe("an ACL export that does not name its gMSA suggests the only $ account among its trustees", () => {
  it.each(["getacl.csv", "getacl.json", "getacl-single.json", "getacl-semicolon-numeric.csv", "getacl-table-default-columns.txt", "dsacls-domain-root.txt", "dsacls-real-domain.txt"])(
    "%s: one $ account is suggested and named in the message",
    (name) => {
      const parsed = refused(name);
      const account = parsed.result?.suggestedGmsa?.account;
      expect(account).toMatch(/^(CORP|FABRIKAM)\\provAgentgMSA\$$/);
      expect(parsed.result?.suggestedGmsa?.candidates).toEqual([account]);
      expect(parsed.issues.map((i) => i.message).join(" ")).toContain(`The only gMSA or computer account ($) among its trustees is "${account}".`);
    },
  );

  it("several $ accounts: no account, the candidates listed in the message", () => {
    const parsed = refused("getacl-table-wrap.txt");
    expect(parsed.result?.suggestedGmsa).toEqual({ candidates: ["CORP\\provAgentgMSA$", "CORP\\averyveryverylongaccountname$"] });
    expect(parsed.issues.map((i) => i.message).join(" ")).toMatch(/Its trustees include 2 gMSA or computer accounts \(\$\): "CORP\\provAgentgMSA\$", "CORP\\averyveryverylongaccountname\$"/);
  });

  it("counts an account once whatever its case, and ignores groups, users and SIDs", () => {
    const csv = [
      "DN,ActiveDirectoryRights,AccessControlType,IdentityReference,ObjectType,InheritedObjectType,InheritanceType,IsInherited",
      "\"DC=corp,DC=com\",ReadProperty,Allow,CORP\\gmsa-sync$,00000000-0000-0000-0000-000000000000,00000000-0000-0000-0000-000000000000,All,False",
      "\"DC=corp,DC=com\",ReadProperty,Allow,corp\\GMSA-SYNC$,00000000-0000-0000-0000-000000000000,00000000-0000-0000-0000-000000000000,All,False",
      "\"DC=corp,DC=com\",GenericAll,Allow,CORP\\Domain Admins,00000000-0000-0000-0000-000000000000,00000000-0000-0000-0000-000000000000,All,False",
      "\"DC=corp,DC=com\",GenericRead,Allow,S-1-5-21-1-2-3-1105,00000000-0000-0000-0000-000000000000,00000000-0000-0000-0000-000000000000,All,False",
    ].join("\n");
    const parsed = refused("acl.csv", new TextEncoder().encode(csv));
    expect(parsed.result?.suggestedGmsa).toEqual({ account: "CORP\\gmsa-sync$", candidates: ["CORP\\gmsa-sync$"] });
  });

  it("SDDL names trustees by SID only, so it suggests nothing", () => {
    expect(refused("sddl-lines.txt").result?.suggestedGmsa).toBeUndefined();
  });

  it("suggests nothing once an account is given", () => {
    const parsed = parseFile(fixture("getacl.csv"), "getacl.csv", { account: "CORP\\provAgentgMSA$" });
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.result.suggestedGmsa).toBeUndefined();
  });
});
