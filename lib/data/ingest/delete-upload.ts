import { type AuditActor, SYSTEM_ACTOR } from "@/lib/audit/entry";
import { appendAuditTx } from "../audit";
import { sqlDate } from "../sqlite/connection";
import { inWriteTx, type WriteTx } from "../write-tx";
import { replaceServerTags } from "./fresh-servers";
import { foldHostFacts, type HostFacts } from "@/lib/facts";
import { agentFlag, serverIdentityOf } from "./identity";
import { applyRuleSummaryDelta, type Counts, reevaluate } from "./reevaluate";
import { decodeStatuses, undelimitIds } from "./statuses";
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
    const touched = new Set<string>();
    for (const server of servers) {
      if (await restoreCurrentFacts(tx, server.id, now)) touched.add(server.id);
      else await removeServer(tx, server.id, upload, now);
    }
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

/**
 * Rebuilds the server's current facts from its remaining snapshots, oldest first (foldHostFacts: each fact from the
 * most recent snapshot that carries it, as the uploads merged them); false when none remains.
 */
async function restoreCurrentFacts(tx: WriteTx, serverId: string, now: Date): Promise<boolean> {
  const snapshots = await tx.all<{ factsJson: string; collectedAt: string }>(
    `SELECT "factsJson", "collectedAt" FROM "HostSnapshot" WHERE "serverId" = ? ORDER BY "collectedAt" ASC, "createdAt" ASC`,
    [serverId],
  );
  if (snapshots.length === 0) return false;
  const facts = foldHostFacts(snapshots.map((snapshot) => JSON.parse(snapshot.factsJson) as HostFacts));
  const latest = { factsJson: JSON.stringify(facts), collectedAt: snapshots.at(-1)!.collectedAt };
  const identity = serverIdentityOf(facts);
  await tx.run(
    `UPDATE "Server" SET "factsJson" = ?, "agentInstalled" = ?, "factsCollectedAt" = ?, "updatedAt" = ?, "domain" = COALESCE(?, "domain"), "osName" = ?, "osBuild" = ?,
       "site" = ?, "owner" = ?, "tags" = ? WHERE "id" = ?`,
    [
    latest.factsJson,
    agentFlag(facts),
    latest.collectedAt,
    sqlDate(now),
    identity?.domain ?? null,
    identity?.osName ?? null,
    identity?.osBuild ?? null,
    identity?.site ?? null,
    identity?.owner ?? null,
    identity?.tags ?? "",
    serverId,
    ],
  );
  await replaceServerTags(tx, [{ id: serverId, tags: identity?.tags ?? "" }]); // the ServerTag rows follow the Server.tags copy (decision 016)
  return true;
}

/**
 * Removes a server and takes its statuses out of the fleet-wide rule counts. Its waivers are kept as records, not
 * cascaded away: pending and active ones end as "lapsed" (the server and its evidence are gone), each with a
 * "waiver.lapse" audit entry naming the server, and every waiver of the server is detached from the deleted row.
 */
async function removeServer(tx: WriteTx, serverId: string, upload: UploadRow, now: Date): Promise<void> {
  const row = await tx.get<{ fqdn: string; statuses: string; blockingRules: string }>(`SELECT "fqdn", "statuses", "blockingRules" FROM "Server" WHERE "id" = ?`, [serverId]);
  await endWaiversOf(tx, serverId, row?.fqdn ?? serverId, upload, now);
  const delta = new Map<string, Counts>();
  const countsOf = (ruleId: string) => {
    let counts = delta.get(ruleId);
    if (!counts) delta.set(ruleId, (counts = { pass: 0, fail: 0, unknown: 0, waived: 0, blocking: 0 }));
    return counts;
  };
  for (const [ruleId, status] of decodeStatuses(row?.statuses ?? "")) countsOf(ruleId)[status]--;
  for (const ruleId of undelimitIds(row?.blockingRules ?? "")) countsOf(ruleId).blocking--;
  await applyRuleSummaryDelta(tx, delta);
  await tx.run(`DELETE FROM "Server" WHERE "id" = ?`, [serverId]);
}

async function endWaiversOf(tx: WriteTx, serverId: string, fqdn: string, upload: UploadRow, now: Date): Promise<void> {
  const live = await tx.all<{ id: string; ruleId: string; status: string }>(
    `SELECT "id", "ruleId", "status" FROM "Waiver" WHERE "serverId" = ? AND "status" IN ('pending', 'active') ORDER BY "createdAt", "id"`,
    [serverId],
  );
  const reason = `${fqdn} was removed: the upload ${upload.fileName} that described it was deleted`;
  for (const waiver of live) {
    await tx.run(
      `UPDATE "Waiver" SET "status" = 'lapsed', "endedAt" = ?, "endedBy" = 'system', "endReason" = ?, "version" = "version" + 1 WHERE "id" = ?`,
      [sqlDate(now), reason, waiver.id],
    );
    await appendAuditTx(
      tx,
      {
        actor: SYSTEM_ACTOR,
        action: "waiver.lapse",
        targetType: "waiver",
        targetId: waiver.id,
        targetLabel: `${waiver.ruleId} on ${fqdn}`,
        before: { status: waiver.status },
        after: { status: "lapsed", endReason: reason },
        summary: `waiver lapsed: ${reason}`,
      },
      now,
    );
  }
  await tx.run(`UPDATE "Waiver" SET "serverId" = NULL WHERE "serverId" = ?`, [serverId]);
}
