import type { FleetFacts, HostFacts } from "@/lib/facts";

/** The key hosts are grouped by: the lower-case DNS domain, or "" when the host's domain was not collected. */
export function domainKeyOf(host: HostFacts): string {
  const domain = host.identity?.domain;
  if (typeof domain !== "string") return "";
  // Usually collected in lower case already: then the string itself is the key (no copy to make and hash).
  return isLowerTrimmed(domain) ? domain : domain.trim().toLowerCase();
}

/** True when trim().toLowerCase() would not change `text`: printable ASCII, no upper-case letter, no space at either end. */
function isLowerTrimmed(text: string): boolean {
  const last = text.length - 1;
  for (let i = 0; i <= last; i++) {
    const code = text.charCodeAt(i);
    if (code < 32 || code >= 127 || (code >= 65 && code <= 90)) return false;
    if (code === 32 && (i === 0 || i === last)) return false;
  }
  return true;
}

/** How a host is named in fleet facts: its FQDN, else NetBIOS name, else "host #<index>". */
export function hostLabelOf(host: HostFacts, index: number): string {
  const fqdn = host.identity?.fqdn;
  if (typeof fqdn === "string" && fqdn !== "") return fqdn.toLowerCase();
  const netbios = host.identity?.netbiosName;
  if (typeof netbios === "string" && netbios !== "") return netbios;
  return `host #${index + 1}`;
}

/**
 * Derives fleet facts from every host's facts: per lower-case DNS domain, the hosts reporting an
 * installed provisioning agent (sorted) and how many hosts reported agent data at all
 * (`agent.installed` collected as true or false). Hosts without a domain are left out.
 */
export function buildFleetFacts(hosts: readonly HostFacts[]): FleetFacts {
  // A Map, not an object literal, so a hostile domain name such as "__proto__" cannot reach Object.prototype.
  const byDomain = new Map<string, { agentHosts: string[]; hostsWithAgentData: number }>();
  for (let i = 0; i < hosts.length; i++) {
    const host = hosts[i];
    const key = domainKeyOf(host);
    if (key === "") continue;
    let entry = byDomain.get(key);
    if (entry === undefined) {
      entry = { agentHosts: [], hostsWithAgentData: 0 };
      byDomain.set(key, entry);
    }
    const installed = host.agent?.installed;
    if (typeof installed !== "boolean") continue;
    entry.hostsWithAgentData++;
    if (installed) entry.agentHosts.push(hostLabelOf(host, i));
  }
  for (const entry of byDomain.values()) entry.agentHosts.sort();
  // Object.fromEntries defines own properties, so every key (even "__proto__") stays plain data.
  return { domains: Object.fromEntries(byDomain) };
}
