import "server-only";
import { db } from "./db";

/** A server as people name it: its FQDN (any case, trailing dot allowed) or a NetBIOS name exactly one server has. */
export async function findServer(name: string): Promise<{ id: string; domain: string; fqdn: string } | null> {
  const value = name.trim().replace(/\.$/, "");
  if (!value) return null;
  const select = { id: true, domain: true, fqdn: true } as const;
  const exact = await db().server.findUnique({ where: { fqdn: value.toLowerCase() }, select });
  if (exact) return exact;
  const byName = await db().server.findMany({ where: { name: value.toUpperCase() }, select, take: 2 });
  return byName.length === 1 ? byName[0]! : null;
}
