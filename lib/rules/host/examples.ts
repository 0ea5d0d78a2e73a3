import type { HostFacts } from "@/lib/facts";
import type { RuleContext } from "@/lib/rules/types";

/** Fixed evaluation time for rule examples (rules never read the clock). */
export const EXAMPLE_AS_OF = "2026-08-01T09:00:00Z";

/** A typed host context for examples and tests: the given facts plus a realistic identity. */
export function hostContext(facts: HostFacts, identity: HostFacts["identity"] = SYNC01): RuleContext {
  return { asOf: EXAMPLE_AS_OF, host: { identity, ...facts } };
}

/** A context with no host facts at all. */
export function emptyContext(): RuleContext {
  return { asOf: EXAMPLE_AS_OF };
}

export const SYNC01: NonNullable<HostFacts["identity"]> = {
  fqdn: "sync01.corp.contoso.com",
  netbiosName: "SYNC01",
  domain: "corp.contoso.com",
  netbiosDomain: "CORP",
};
