import { z } from "zod";

/** Facts about the fleet as a whole, derived from every host's facts (see lib/readiness/fleet-facts.ts). */
export const fleetFactsSchema = z
  .object({
    /** Per lower-case DNS domain: the hosts reporting an installed provisioning agent, and how many hosts reported agent data at all. */
    domains: z.record(
      z.string(),
      z.object({ agentHosts: z.array(z.string()), hostsWithAgentData: z.number().int().nonnegative() }),
    ),
  })
  .partial();

export type FleetFacts = z.infer<typeof fleetFactsSchema>;
