/** A gate's change cause ("upload:<id>", "waiver:<id>", "rollout:<fqdn>", …) in words. */
export function describeGateCause(cause: string): string {
  const [kind, ...rest] = cause.split(":");
  const detail = rest.join(":");
  switch (kind) {
    case "upload":
      return "an upload";
    case "upload-deleted":
      return "deleting an upload";
    case "ruleset":
      return "a ruleset change";
    case "waiver":
    case "waiver-expired":
      return kind === "waiver" ? "a waiver change" : "a waiver expiring";
    case "attestation":
      return "a tenant attestation";
    case "rollout":
      return detail === "bulk" ? "a bulk rollout change" : `a rollout change of ${detail}`;
    case "wave":
      return "a change of wave order or archive";
    case "plan-import":
      return "a plan import";
    default:
      return cause;
  }
}
