import { featureUse, usedBecause } from "./feature/use";
import { hostContext } from "./host/examples";
import { own, readArray, readBoolean, readNumber, readString } from "./host/read";
import { COLLECTOR_HINT, prerequisites, SECTION } from "./host/sources";
import { evidence, fail, pass, unknown } from "./outcome";
import { defineRule, type Evidence, type RuleContext, type RuleOutcome, type Severity } from "./types";

const FACT = "host.network.domainControllerChecks";
const PORTS = [
  { port: 389, name: "LDAP" },
  { port: 3268, name: "global catalog" },
] as const;

const COLLECT =
  "Get-ADDomainController -Filter * | ForEach-Object { Test-NetConnection -ComputerName $_.HostName -Port 389; Test-NetConnection -ComputerName $_.HostName -Port 3268 }";

interface Probe {
  index: number;
  host: string;
  port: number;
  reachable: boolean;
  error?: string;
}

function readProbes(host: unknown): Probe[] | undefined {
  const list = readArray(own(own(host, "network"), "domainControllerChecks"));
  if (list === undefined) return undefined;
  return list.flatMap((entry, index) => {
    const name = readString(own(entry, "host"));
    const port = readNumber(own(entry, "port"));
    const reachable = readBoolean(own(entry, "reachable"));
    if (name === undefined || name.trim() === "" || port === undefined || reachable === undefined) return [];
    const error = readString(own(entry, "error"));
    return [{ index, host: name, port, reachable, ...(error ? { error } : {}) }];
  });
}

function evaluate(ctx: RuleContext): RuleOutcome {
  const use = featureUse(ctx, "groupProvisioning");
  const lead = use.used ? `${usedBecause(use, "groupProvisioning")} ` : "";
  const probes = readProbes(own(ctx, "host"));
  const hint = { command: COLLECT, note: COLLECTOR_HINT };
  if (probes === undefined || probes.length === 0) {
    return unknown(FACT, hint, `${lead}No TCP 389/3268 probes from this server to the domain controllers were collected.`);
  }
  const items: Evidence[] = [];
  const problems: string[] = [];
  const missing: string[] = [];
  let severity: Severity | undefined;
  for (const { port, name } of PORTS) {
    const mine = probes.filter((p) => p.port === port);
    if (mine.length === 0) {
      missing.push(`TCP ${port}`);
      continue;
    }
    const open = mine.filter((p) => p.reachable).map((p) => p.host);
    const closed = mine.filter((p) => !p.reachable).map((p) => (p.error ? `${p.host} (${p.error})` : p.host));
    items.push(evidence(FACT, { port, reachable: open, unreachable: closed }, `TCP ${port} (${name}) reachable on the domain controllers`));
    if (open.length === 0) {
      problems.push(`TCP ${port} (${name}) reaches none of ${closed.join(", ")}`);
      severity = "blocker";
    } else if (closed.length > 0 && port === 389) {
      // Every DC answers LDAP; the agent may pick any of them.
      problems.push(`TCP ${port} (${name}) does not reach ${closed.join(", ")}`);
      severity ??= "warning";
    }
  }
  if (problems.length > 0) {
    return fail(`${lead}${problems.join("; ")}.${missing.length > 0 ? ` Not probed: ${missing.join(", ")}.` : ""}`, items, severity);
  }
  if (missing.length > 0) {
    return unknown(FACT, hint, `${lead}${missing.join(" and ")} to the domain controllers was not probed.`, items);
  }
  return pass(`${lead}TCP 389 and 3268 reach the domain controllers.`, items);
}

const withGroupProvisioning = (ctx: RuleContext): RuleContext => ({ ...ctx, tenant: { featuresUsed: { groupProvisioning: true } } });
const check = (host: string, port: number, reachable: boolean, error?: string) => ({ host, port, reachable, ...(error ? { error } : {}) });

export default defineRule({
  meta: {
    id: "host-gpad-dc-ports",
    title: "The agent server reaches the domain controllers on TCP 389 and 3268 for group provisioning to Active Directory",
    severity: "blocker",
    scope: "host",
    rationale:
      "Group provisioning to AD writes groups over LDAP (TCP 389) and resolves members through the global catalog (TCP 3268): " +
      "the agent server needs both outbound to the domain controllers.",
    source: prerequisites(SECTION.gpad),
    otherSources: [],
    notes: [
      "Applies only when the tenant facts (featuresUsed.groupProvisioning) or a sync configuration of the host's domain (groupProvisioning) say group provisioning to AD is used; otherwise not applicable (feature/use.ts).",
      "Reads host.network.domainControllerChecks, the collector's TCP probes to each DC of the host's domain (Get-DcPortChecks).",
      "TCP 389: blocker when no DC answers, warning when some do not (the agent may pick any DC). TCP 3268: only global catalog servers listen, so one reachable DC passes; none is a blocker.",
      "A port without any probe is unknown, unless the other port already fails.",
    ],
    remediation: {
      summary: "Allow outbound TCP 389 and TCP 3268 from the agent server to the domain controllers (global catalog servers for 3268).",
      steps: [
        "Firewall (host and network): allow TCP 389 and TCP 3268 from the agent server to each domain controller of the domain.",
        `Test: ${COLLECT}`,
      ],
    },
  },
  appliesTo: (ctx) => featureUse(ctx, "groupProvisioning").used,
  evaluate,
  examples: [
    {
      name: "both ports reach both DCs",
      expect: "pass",
      context: withGroupProvisioning(
        hostContext({
          network: {
            domainControllerChecks: [
              check("dc01.corp.contoso.com", 389, true),
              check("dc01.corp.contoso.com", 3268, true),
              check("dc02.corp.contoso.com", 389, true),
              check("dc02.corp.contoso.com", 3268, false, "TCP connect refused (not a global catalog)"),
            ],
          },
        }),
      ),
    },
    {
      name: "global catalog port blocked by the server firewall",
      expect: "fail",
      context: withGroupProvisioning(
        hostContext({
          network: {
            domainControllerChecks: [
              check("dc01.corp.contoso.com", 389, true),
              check("dc01.corp.contoso.com", 3268, false, "TCP connect timed out"),
            ],
          },
        }),
      ),
    },
    { name: "DC ports not probed", expect: "unknown", context: withGroupProvisioning(hostContext({ network: { checks: [] } })) },
  ],
});
