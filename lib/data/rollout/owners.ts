import "server-only";
import { db } from "../db";

/** Names offered as wave and server owners: the app's active users (name and email) and owners already used. */
export async function listOwnerChoices(): Promise<string[]> {
  const [users, waveOwners, serverOwners] = await Promise.all([
    db().user.findMany({ where: { disabledAt: null }, select: { name: true, email: true }, orderBy: { name: "asc" } }),
    db().wave.groupBy({ by: ["ownerName"], where: { ownerName: { not: null } } }),
    db().server.groupBy({ by: ["rolloutOwner"], where: { rolloutOwner: { not: null } }, take: 200, orderBy: { rolloutOwner: "asc" } }),
  ]);
  const names = new Set<string>();
  for (const user of users) names.add(user.name || user.email);
  for (const group of waveOwners) if (group.ownerName) names.add(group.ownerName);
  for (const group of serverOwners) if (group.rolloutOwner) names.add(group.rolloutOwner);
  return [...names].sort((a, b) => a.localeCompare(b));
}
