import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Resolves server names as people write them, like the inventory: an FQDN (case-insensitive) or a NetBIOS
 * name (case-insensitive) that exactly one server has. Returns the ids found and, per name that does not
 * resolve, why ("unknown" or "ambiguous" with the candidates).
 */
export async function resolveServerNames(
  tx: Prisma.TransactionClient,
  names: readonly string[],
): Promise<{ ids: Map<string, string>; problems: Map<string, string> }> {
  const ids = new Map<string, string>();
  const problems = new Map<string, string>();
  const wanted = [...new Set(names.map((name) => name.trim()).filter(Boolean))];
  const byFqdn = new Map<string, { id: string; fqdn: string }>();
  for (let i = 0; i < wanted.length; i += 5_000) {
    const chunk = wanted.slice(i, i + 5_000).map((name) => name.toLowerCase().replace(/\.$/, ""));
    for (const row of await tx.server.findMany({ where: { fqdn: { in: chunk } }, select: { id: true, fqdn: true } })) byFqdn.set(row.fqdn, row);
  }
  const netbiosNames = wanted.filter((name) => !byFqdn.has(name.toLowerCase().replace(/\.$/, ""))).map((name) => name.toUpperCase());
  const byName = new Map<string, { id: string; fqdn: string }[]>();
  for (let i = 0; i < netbiosNames.length; i += 5_000) {
    const chunk = netbiosNames.slice(i, i + 5_000);
    for (const row of await tx.server.findMany({ where: { name: { in: chunk } }, select: { id: true, fqdn: true, name: true } })) {
      const list = byName.get(row.name) ?? [];
      list.push(row);
      byName.set(row.name, list);
    }
  }
  for (const name of wanted) {
    const exact = byFqdn.get(name.toLowerCase().replace(/\.$/, ""));
    if (exact) {
      ids.set(name, exact.id);
      continue;
    }
    const candidates = byName.get(name.toUpperCase()) ?? [];
    if (candidates.length === 1) ids.set(name, candidates[0]!.id);
    else if (candidates.length > 1) problems.set(name, `"${name}" matches ${candidates.length} servers (${candidates.slice(0, 3).map((c) => c.fqdn).join(", ")}); use the FQDN.`);
    else problems.set(name, `No server is named "${name}" (FQDN or NetBIOS name).`);
  }
  return { ids, problems };
}
