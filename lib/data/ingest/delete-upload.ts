import { type AuditActor, SYSTEM_ACTOR } from "@/lib/audit/entry";
import { appendAuditTx } from "../audit";
import { sqlDate } from "../sqlite/connection";
import { type Column, inChunks, inWriteTx, placeholders, type SqlValue, type WriteTx } from "../write-tx";
import { replaceServerTags } from "./fresh-servers";
import { keepSnapshotFacts, SNAPSHOT_FACTS_SQL } from "./snapshot-facts";
import { foldHostFacts, type HostFacts } from "@/lib/facts";
import { agentFlag, serverIdentityOf } from "./identity";
import { applyRuleSummaryDelta, type Counts, reevaluate } from "./reevaluate";
import { decodeStatuses, undelimitRuleIds } from "./statuses";
import { formatCause } from "@/lib/readiness";
import { plural } from "@/lib/text/plural";

/**
 * Deletes an upload with its facts and re-evaluates, in one transaction. A server whose current facts
 * came from it is rebuilt from its remaining snapshots; a server left without snapshots is removed.
 * Returns false when there is no such upload. The "upload.delete" audit entry (file name and counts before) is written
 * in the same transaction.
 */
export async function deleteUpload(uploadId: string, actor: AuditActor = SYSTEM_ACTOR, now = new Date()): Promise<boolean> {
  return inWriteTx(async (tx) => {
    const upload = await tx.get<UploadRow>(
      `SELECT "id", "fileName", "sha256", "kind", "format", "container", "entryCount", "uploadedBy", "createdAt", "records", "accepted", "rejected", "serversAffected" FROM "Upload" WHERE "id" = ?`,
      [uploadId],
    );
    if (!upload) return false;
    const servers = await tx.all<{ id: string; domain: string }>(
      `SELECT DISTINCT s."id", s."domain" FROM "HostSnapshot" h JOIN "Server" s ON s."id" = h."serverId" WHERE h."uploadId" = ? ORDER BY s."id"`,
      [uploadId],
    );
    const factKinds = await tx.all<{ kind: string; subject: string }>(`SELECT "kind", "subject" FROM "FactSnapshot" WHERE "uploadId" = ?`, [uploadId]);

    await tx.run(`DELETE FROM "Upload" WHERE "id" = ?`, [uploadId]); // cascades to HostSnapshot, FactSnapshot and UploadEntry (an archive's files)

    let affected: Set<string> | "all" = new Set(servers.map((server) => server.domain));
    for (const fact of factKinds) {
      if (fact.kind === "tenant" || fact.kind === "sync-scope") affected = "all";
      else if (affected !== "all") affected.add(fact.subject.split("|")[0] ?? "");
    }
    // In bulk (a few statements per 500 servers, not a few per server: a 50,000-server upload deleted on PostgreSQL).
    const touched = await restoreCurrentFacts(tx, servers.map((server) => server.id), now);
    await removeServers(tx, servers.filter((server) => !touched.has(server.id)).map((server) => server.id), upload, now);
    await reevaluate(tx, { domains: affected, touched, hostFactsOnly: factKinds.length === 0 }, formatCause({ kind: "upload-deleted", uploadId }), now);
    const removed = servers.length - touched.size;
    await appendAuditTx(
      tx,
      {
        actor,
        action: "upload.delete",
        targetType: "upload",
        targetId: uploadId,
        targetLabel: upload.fileName,
        before: { ...upload, id: undefined, serversWithFacts: servers.length, factSnapshots: factKinds.length },
        after: { deleted: true, serversFallenBack: touched.size, serversRemoved: removed },
        summary: `deleted ${upload.fileName} (${plural(upload.records, "record")}; ${plural(touched.size, "server")} fell back to older facts, ${removed} removed)`,
      },
      now,
    );
    return true;
  });
}

interface UploadRow {
  id: string;
  fileName: string;
  sha256: string;
  kind: string;
  format: string;
  container: string | null;
  entryCount: number;
  uploadedBy: string;
  createdAt: string;
  records: number;
  accepted: number;
  rejected: number;
  serversAffected: number;
}

/** The columns restoreCurrentFacts sets, then the id (Server.domain keeps its value when the facts name none). */
const RESTORE_COLUMNS: readonly Column[] = [
  ["factsJson", "text"],
  ["agentInstalled", "bool"],
  ["factsCollectedAt", "timestamp"],
  ["updatedAt", "timestamp"],
  ["domain", "text"],
  ["osName", "text"],
  ["osBuild", "int"],
  ["site", "text"],
  ["owner", "text"],
  ["tags", "text"],
];

/**
 * Rebuilds each server's current facts from its remaining snapshots, oldest first (foldHostFacts: each fact from the
 * most recent snapshot that carries it, as the uploads merged them). Returns the servers rebuilt; those without any
 * snapshot left are not in it.
 */
async function restoreCurrentFacts(tx: WriteTx, serverIds: readonly string[], now: Date): Promise<Set<string>> {
  const current = await inChunks(serverIds, (chunk) =>
    tx.all<{ id: string; domain: string }>(`SELECT "id", "domain" FROM "Server" WHERE "id" IN (${placeholders(chunk.length)})`, chunk),
  );
  const domainOf = new Map(current.map((row) => [row.id, row.domain]));
  const snapshots = await inChunks(serverIds, (chunk) =>
    tx.all<{ serverId: string; factsJson: string; collectedAt: string }>(
      `SELECT h."serverId", ${SNAPSHOT_FACTS_SQL} AS "factsJson", h."collectedAt" FROM "HostSnapshot" h JOIN "Server" s ON s."id" = h."serverId"
       WHERE h."serverId" IN (${placeholders(chunk.length)})
       ORDER BY h."serverId", h."collectedAt" ASC, h."createdAt" ASC`,
      chunk,
    ),
  );
  const byServer = new Map<string, { factsJson: string; collectedAt: string }[]>();
  for (const row of snapshots) {
    const list = byServer.get(row.serverId);
    if (list) list.push(row);
    else byServer.set(row.serverId, [row]);
  }
  const rows: SqlValue[][] = [];
  const retagged: { id: string; tags: string }[] = [];
  for (const [serverId, list] of byServer) {
    const facts = foldHostFacts(list.map((snapshot) => JSON.parse(snapshot.factsJson) as HostFacts));
    const identity = serverIdentityOf(facts);
    const tags = identity?.tags ?? "";
    rows.push([
      JSON.stringify(facts),
      agentFlag(facts),
      list.at(-1)!.collectedAt,
      sqlDate(now),
      identity?.domain ?? domainOf.get(serverId) ?? "",
      identity?.osName ?? null,
      identity?.osBuild ?? null,
      identity?.site ?? null,
      identity?.owner ?? null,
      tags,
      serverId,
    ]);
    retagged.push({ id: serverId, tags });
  }
  await keepSnapshotFacts(tx, [...byServer.keys()]); // before Server.factsJson changes (decision 026)
  await tx.updateRows("Server", RESTORE_COLUMNS, "id", rows);
  await replaceServerTags(tx, retagged); // the ServerTag rows follow the Server.tags copy (decision 016)
  return new Set(byServer.keys());
}

/**
 * Removes servers and takes their statuses out of the fleet-wide rule counts. Their waivers are kept as records, not
 * cascaded away: pending and active ones end as "lapsed" (the server and its evidence are gone), each with a
 * "waiver.lapse" audit entry naming the server, and every waiver of the servers is detached from the deleted rows.
 */
async function removeServers(tx: WriteTx, serverIds: readonly string[], upload: UploadRow, now: Date): Promise<void> {
  if (serverIds.length === 0) return;
  const rows = await inChunks(serverIds, (chunk) =>
    tx.all<{ id: string; fqdn: string; statuses: string; blockingRules: string }>(
      `SELECT "id", "fqdn", "statuses", "blockingRules" FROM "Server" WHERE "id" IN (${placeholders(chunk.length)})`,
      chunk,
    ),
  );
  await endWaiversOf(tx, new Map(rows.map((row) => [row.id, row.fqdn])), upload, now);
  const delta = new Map<string, Counts>();
  const countsOf = (ruleId: string) => {
    let counts = delta.get(ruleId);
    if (!counts) delta.set(ruleId, (counts = { pass: 0, fail: 0, unknown: 0, waived: 0, blocking: 0 }));
    return counts;
  };
  for (const row of rows) {
    for (const [ruleId, status] of decodeStatuses(row.statuses)) countsOf(ruleId)[status]--;
    for (const ruleId of undelimitRuleIds(row.blockingRules)) countsOf(ruleId).blocking--;
  }
  await applyRuleSummaryDelta(tx, delta);
  await inChunks(serverIds, async (chunk) => [await tx.run(`DELETE FROM "Server" WHERE "id" IN (${placeholders(chunk.length)})`, chunk)]);
}

async function endWaiversOf(tx: WriteTx, fqdnOf: ReadonlyMap<string, string>, upload: UploadRow, now: Date): Promise<void> {
  const serverIds = [...fqdnOf.keys()];
  const live = await inChunks(serverIds, (chunk) =>
    tx.all<{ id: string; ruleId: string; status: string; serverId: string }>(
      `SELECT "id", "ruleId", "status", "serverId" FROM "Waiver" WHERE "serverId" IN (${placeholders(chunk.length)}) AND "status" IN ('pending', 'active')
       ORDER BY "createdAt", "id"`,
      chunk,
    ),
  );
  const entries = [];
  for (const waiver of live) {
    const fqdn = fqdnOf.get(waiver.serverId) ?? waiver.serverId;
    const reason = `${fqdn} was removed: the upload ${upload.fileName} that described it was deleted`;
    await tx.run(
      `UPDATE "Waiver" SET "status" = 'lapsed', "endedAt" = ?, "endedBy" = 'system', "endReason" = ?, "version" = "version" + 1 WHERE "id" = ?`,
      [sqlDate(now), reason, waiver.id],
    );
    entries.push({
      actor: SYSTEM_ACTOR,
      action: "waiver.lapse" as const,
      targetType: "waiver" as const,
      targetId: waiver.id,
      targetLabel: `${waiver.ruleId} on ${fqdn}`,
      before: { status: waiver.status },
      after: { status: "lapsed", endReason: reason },
      summary: `waiver lapsed: ${reason}`,
    });
  }
  await appendAuditTx(tx, entries, now);
  await inChunks(serverIds, async (chunk) => [await tx.run(`UPDATE "Waiver" SET "serverId" = NULL WHERE "serverId" IN (${placeholders(chunk.length)})`, chunk)]);
}
