/**
 * Whether a principal dsacls prints is the gMSA the upload is checked for (options.account), so that an entry
 * naming an unknown schema object can be an error for the gMSA and a warning for anyone else. Only the gMSA
 * itself is known here; its groups are known to the rules alone (lib/rules/acl/principal.ts).
 *
 * Forms: "CORP\provAgentgMSA$", "provAgentgMSA$", "provAgentgMSA$@corp.contoso.com", a SID. The account name is
 * compared case-insensitively with or without the trailing "$"; domains must agree when both sides name one
 * (a DNS domain matches a NetBIOS name equal to its first label).
 */

interface AccountRef {
  sid?: string;
  domain?: string;
  name: string;
}

function parse(value: string): AccountRef | undefined {
  const text = value.trim();
  if (text === "") return undefined;
  if (/^S-1-\d+(-\d+)+$/i.test(text)) return { sid: text.toUpperCase(), name: "" };
  let domain: string | undefined;
  let name = text;
  const slash = text.indexOf("\\");
  const at = text.lastIndexOf("@");
  if (slash >= 0) {
    domain = text.slice(0, slash);
    name = text.slice(slash + 1);
  } else if (at > 0) {
    domain = text.slice(at + 1);
    name = text.slice(0, at);
  }
  name = name.trim().replace(/\$$/, "").toLowerCase();
  if (name === "") return undefined;
  return { domain: domain?.trim().toLowerCase() || undefined, name };
}

function sameDomain(a: string, b: string): boolean {
  if (a === b) return true;
  const [dotted, flat] = a.includes(".") ? [a, b] : [b, a];
  return dotted.includes(".") && !flat.includes(".") && dotted.split(".")[0] === flat;
}

export function isAccountPrincipal(principal: string, account: string | undefined): boolean {
  if (account === undefined) return false;
  const a = parse(principal);
  const b = parse(account);
  if (a === undefined || b === undefined) return false;
  if (a.sid !== undefined || b.sid !== undefined) return a.sid !== undefined && a.sid === b.sid;
  if (a.name !== b.name) return false;
  return a.domain === undefined || b.domain === undefined || sameDomain(a.domain, b.domain);
}
