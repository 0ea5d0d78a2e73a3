import { parseCause } from "@/lib/readiness";

/** What flipped a wave's gate (a stored evaluation cause), in words. */
export function describeGateCause(stored: string): string {
  const cause = parseCause(stored);
  switch (cause.kind) {
    case "upload":
      return "an upload";
    case "upload-deleted":
      return "deleting an upload";
    case "ruleset":
      return "a ruleset change";
    case "attestation":
      return "a tenant attestation";
    case "waiver":
      return "a waiver change";
    case "rollout": {
      const { change } = cause;
      if (change === "bulk") return "a bulk rollout change";
      if (change.startsWith("wave:")) return "a change of wave order or archive";
      if (change.startsWith("plan-import:")) return "a plan import";
      return `a rollout change of ${change}`;
    }
    case "other":
      return cause.text;
  }
}
