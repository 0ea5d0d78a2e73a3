import type { IssueSink } from "../issues";
import type { HostRecord } from "../types";

/**
 * Warns when a host file names the same server (FQDN) on two rows: both rows are kept and the later one wins
 * when they are stored. Shared by the host CSV formats; `column` names the identity column in the warning.
 */
export function repeatedHostWarner(sink: IssueSink): (host: HostRecord, line: number, column: string | undefined) => void {
  const seen = new Map<string, number>();
  return function warnIfRepeated(host, line, column) {
    const fqdn = host.facts.identity?.fqdn;
    if (fqdn === undefined) return;
    const previous = seen.get(fqdn);
    if (previous !== undefined) {
      sink.warning(`${fqdn} also appears on line ${previous}; both rows were kept and the later one wins when they are stored.`, { row: line, column });
    } else seen.set(fqdn, line);
  };
}
