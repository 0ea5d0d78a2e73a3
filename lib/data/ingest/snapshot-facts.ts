import { inChunks, placeholders, type WriteTx } from "../write-tx";

// RAW SQL (portable, inside the upload's or deletion's write transaction): a host snapshot whose facts are exactly its
// server's current facts does not store them a second time (HostSnapshot.factsJson is NULL, decision 026). Every
// server new in an upload has one such snapshot: 50,000 new servers write ≈ 60 MB less. The rule that keeps it true:
// before a server's Server.factsJson changes, its snapshots that share it get their own copy (keepSnapshotFacts).
// The two writers of Server.factsJson (fresh-servers.ts for uploads, delete-upload.ts) call it; any new writer must.

/** The facts of a snapshot `h` of server `s` (a SQL expression): its own, or its server's current ones when it shares them. */
export const SNAPSHOT_FACTS_SQL = `COALESCE(h."factsJson", s."factsJson")`;

/** Gives the stored snapshots of these servers that share their current facts a copy: call before Server.factsJson changes. */
export async function keepSnapshotFacts(tx: WriteTx, serverIds: readonly string[]): Promise<void> {
  await inChunks(serverIds, async (chunk) => [
    await tx.run(
      `UPDATE "HostSnapshot" SET "factsJson" = (SELECT s."factsJson" FROM "Server" s WHERE s."id" = "HostSnapshot"."serverId")
       WHERE "factsJson" IS NULL AND "serverId" IN (${placeholders(chunk.length)})`,
      chunk,
    ),
  ]);
}
