import type { Cloud } from "@/lib/facts";

/**
 * The outbound allow-list of the cloud sync prerequisites page ("Firewall and Proxy requirements",
 * ms.date 2026-07-27, [PRE-2026]; reference §1.7), per cloud. Entries written `host:80` on the page are
 * port 80; every other entry is HTTPS on 443 (the page says 443 handles all outbound service traffic).
 *
 * Wildcard patterns cannot be probed directly (a bare suffix such as `msappproxy.net` is not a host the
 * agent talks to), so each carries a concrete `probeHost` under the wildcard. Choices are justified inline;
 * those marked UNCERTAIN are plausible hosts not confirmed by a Microsoft source. A probe failure there
 * may mean the probe host does not exist rather than a blocked firewall, which is why the host-endpoints
 * evidence names the probe host next to the pattern.
 */
export interface EndpointRequirement {
  pattern: string;
  port: 80 | 443;
  category: "service" | "registration" | "certificate-validation";
  probeHost: string;
  /**
   * A second port on which a reached probe also satisfies the entry, where the page's port and the host's real use
   * disagree (the collector probes both; either reached counts, a fail needs every probe on both to fail).
   */
  alsoPort?: 80;
}

function exact(host: string, port: 80 | 443, category: EndpointRequirement["category"]): EndpointRequirement {
  return { pattern: host, port, category, probeHost: host };
}

const PUBLIC: readonly EndpointRequirement[] = [
  // Agent download/updates: Microsoft's own installers fetch the agent from download.msappproxy.net
  // (Azure/missionlz Install-EntraCloudSyncAgent.ps1, private network connector download links).
  { pattern: "*.msappproxy.net", port: 443, category: "service", probeHost: "download.msappproxy.net" },
  // Microsoft's gateway troubleshooting docs test Azure Service Bus reachability with this host.
  { pattern: "*.servicebus.windows.net", port: 443, category: "service", probeHost: "watchdog.servicebus.windows.net" },
  // The sign-in endpoint every Entra client uses; the page relies on this wildcard to cover it.
  { pattern: "*.microsoftonline.com", port: 443, category: "service", probeHost: "login.microsoftonline.com" },
  // Same host the page lists for certificate validation on port 80, here probed on 443.
  { pattern: "*.microsoft.com", port: 443, category: "service", probeHost: "www.microsoft.com" },
  // UNCERTAIN: no Microsoft document names a concrete host under msappproxy.com; "www" is a guess.
  { pattern: "*.msappproxy.com", port: 443, category: "service", probeHost: "www.msappproxy.com" },
  // Microsoft's NPS extension troubleshooting tests this host for the windowsazure.com suffix.
  { pattern: "*.windowsazure.com", port: 443, category: "service", probeHost: "adnotifications.windowsazure.com" },
  exact("mscrl.microsoft.com", 80, "certificate-validation"),
  exact("crl.microsoft.com", 80, "certificate-validation"),
  exact("ocsp.msocsp.com", 80, "certificate-validation"),
  exact("www.microsoft.com", 80, "certificate-validation"),
  exact("login.windows.net", 443, "registration"),
  exact("login.live.com", 443, "registration"),
  exact("aadcdn.msauth.net", 443, "registration"),
  exact("aadcdn.msftauth.net", 443, "registration"),
  // Listed without a port (443 by the page's convention), but it is Windows' network connectivity test host
  // (NCSI fetches http://www.msftconnecttest.com/connecttest.txt), so port 80 is probed as well; either counts.
  { ...exact("www.msftconnecttest.com", 443, "registration"), alsoPort: 80 },
];

const US_GOVERNMENT: readonly EndpointRequirement[] = [
  // Microsoft lists autoupdate.msappproxy.us as an Azure Government agent-updater endpoint (Connect Health prerequisites).
  { pattern: "*.msappproxy.us", port: 443, category: "service", probeHost: "autoupdate.msappproxy.us" },
  // UNCERTAIN: mirrors the public-cloud watchdog host; not confirmed for usgovcloudapi.net.
  {
    pattern: "*.servicebus.usgovcloudapi.net",
    port: 443,
    category: "service",
    probeHost: "watchdog.servicebus.usgovcloudapi.net",
  },
  exact("mscrl.microsoft.us", 80, "certificate-validation"),
  exact("crl.microsoft.us", 80, "certificate-validation"),
  exact("ocsp.msocsp.us", 80, "certificate-validation"),
  exact("www.microsoft.us", 80, "certificate-validation"),
  exact("login.windows.us", 443, "registration"),
  exact("secure.aadcdn.microsoftonline-p.com", 443, "registration"),
  // Azure Government sign-in endpoint.
  { pattern: "*.microsoftonline.us", port: 443, category: "registration", probeHost: "login.microsoftonline.us" },
  // UNCERTAIN: by analogy with login.microsoftonline-p.com; not confirmed for the .us suffix.
  { pattern: "*.microsoftonline-p.us", port: 443, category: "registration", probeHost: "login.microsoftonline-p.us" },
  // Sign-in page CDNs (the public-cloud list names these exact hosts).
  { pattern: "*.msauth.net", port: 443, category: "registration", probeHost: "aadcdn.msauth.net" },
  // Tenant-branding CDN host seen in Entra sign-in branding URLs.
  { pattern: "*.msauthimages.net", port: 443, category: "registration", probeHost: "aadcdn.msauthimages.net" },
  // UNCERTAIN: a long-lived Microsoft CDN host under msecnd.net (Application Insights SDK); the CDN is being retired.
  { pattern: "*.msecnd.net", port: 443, category: "registration", probeHost: "az416426.vo.msecnd.net" },
  { pattern: "*.msftauth.net", port: 443, category: "registration", probeHost: "aadcdn.msftauth.net" },
  // Also probed by a public DC-oriented cloud sync checker (reference §4d).
  { pattern: "*.msftauthimages.net", port: 443, category: "registration", probeHost: "aadcdn.msftauthimages.net" },
  // Named in Microsoft's MFA Server firewall requirements (pfd/pfd2/css.phonefactor.net).
  { pattern: "*.phonefactor.net", port: 443, category: "registration", probeHost: "pfd.phonefactor.net" },
  exact("enterpriseregistration.windows.net", 443, "registration"),
  exact("management.azure.com", 443, "registration"),
  exact("policykeyservice.dc.ad.msft.net", 443, "registration"),
  // Listed with the registration URLs, but it is the certificate trust list download, hence port 80.
  exact("ctldl.windowsupdate.us", 80, "registration"),
  exact("aadcdn.msftauthimages.us", 443, "registration"),
  // The page's certificate-validation host, here probed on 443.
  { pattern: "*.microsoft.us", port: 443, category: "registration", probeHost: "www.microsoft.us" },
  exact("msauthimages.us", 443, "registration"),
  // Spelled "mfstauthimages.us" in the 2025 revision; fixed in 2026-07-27.
  exact("msftauthimages.us", 443, "registration"),
];

export const ENDPOINTS: Record<Cloud, readonly EndpointRequirement[]> = {
  public: PUBLIC,
  usgov: US_GOVERNMENT,
};

export function endpointsFor(cloud: Cloud): readonly EndpointRequirement[] {
  return ENDPOINTS[cloud] ?? PUBLIC;
}

/** A host name as matched: trimmed, lower-case, one trailing dot removed ("Login.Example.com." -> "login.example.com"). */
export function normalizeHostName(name: string): string {
  if (isNormalized(name)) return name;
  const lower = name.trim().toLowerCase();
  return lower.endsWith(".") ? lower.slice(0, -1) : lower;
}

/**
 * True when normalizeHostName would return the name unchanged (the usual case: probes are collected in lower
 * case), checked without allocating: printable ASCII without upper-case letters, no space at either end, no
 * trailing dot. Anything else takes the trim/toLowerCase path.
 */
function isNormalized(name: string): boolean {
  const length = name.length;
  if (length === 0) return true;
  for (let i = 0; i < length; i++) {
    const code = name.charCodeAt(i);
    if (code <= 32 || code >= 127 || (code >= 65 && code <= 90)) return false;
  }
  return name.charCodeAt(length - 1) !== DOT;
}

/**
 * A pattern normalised once: `suffix` is ".msappproxy.net" for "*.msappproxy.net" (any host with at least
 * one more label in front), null for an exact name, which is then `name`.
 */
export interface CompiledPattern {
  name: string;
  suffix: string | null;
}

export function compilePattern(pattern: string): CompiledPattern {
  const name = normalizeHostName(pattern);
  return { name, suffix: name.startsWith("*.") ? name.slice(1) : null };
}

/** `hostMatchesPattern` for a host name already normalised with `normalizeHostName` and a compiled pattern. */
export function matchesCompiled(name: string, pattern: CompiledPattern): boolean {
  if (name === "") return false;
  const suffix = pattern.suffix;
  if (suffix === null) return name === pattern.name;
  return name.length > suffix.length && name.charCodeAt(0) !== DOT && name.endsWith(suffix);
}

const DOT = 46; // "."

/**
 * True when `host` is covered by `pattern`: exact names compare case-insensitively (trailing dot ignored);
 * `*.suffix` covers any host with at least one more label in front of `suffix` (not `suffix` itself).
 */
export function hostMatchesPattern(host: string, pattern: string): boolean {
  return matchesCompiled(normalizeHostName(host), compilePattern(pattern));
}
