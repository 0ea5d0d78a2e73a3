import type Database from "better-sqlite3";
import { type AuditActor, SYSTEM_ACTOR } from "@/lib/audit/entry";
import { appendAuditSql } from "../audit";
import { inWriteTransaction, sqlDate } from "../sqlite/connection";
import { replaceServerTags } from "../sqlite/server-tags";
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
export function deleteUpload(uploadId: string, actor: AuditActor = SYSTEM_ACTOR, now = new Date()): boolean {
  return inWriteTransaction((db) => {
    const upload = db
      .prepare("SELECT id, fileName, sha256, kind, format, container, entryCount, uploadedBy, createdAt, records, accepted, rejected, serversAffected FROM Upload WHERE id = ?")
      .get(uploadId) as UploadRow | undefined;
    if (!upload) return false;
    const servers = db
      .prepare("SELECT DISTINCT s.id, s.domain FROM HostSnapshot h JOIN Server s ON s.id = h.serverId WHERE h.uploadId = ?")
      .all(uploadId) as { id: string; domain: string }[];
    const factKinds = db.prepare("SELECT kind, subject FROM FactSnapshot WHERE uploadId = ?").all(uploadId) as { kind: string; subject: string }[];

    db.prepare("DELETE FROM Upload WHERE id = ?").run(uploadId); // cascades to HostSnapshot, FactSnapshot and UploadEntry (an archive's files)

    let affected: Set<string> | "all" = new Set(servers.map((server) => server.domain));
    for (const fact of factKinds) {
      if (fact.kind === "tenant" || fact.kind === "sync-scope") affected = "all";
      else if (affected !== "all") affected.add(fact.subject.split("|")[0] ?? "");
    }
    const touched = new Set<string>();
    for (const server of servers) {
      if (restoreCurrentFacts(db, server.id, now)) touched.add(server.id);
      else removeServer(db, server.id, upload, now);
    }
    reevaluate(db, { domains: affected, touched, hostFactsOnly: factKinds.length === 0 }, formatCause({ kind: "upload-deleted", uploadId }), now);
    const removed = servers.length - touched.size;
    appendAuditSql(
      db,
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
function restoreCurrentFacts(db: Database.Database, serverId: string, now: Date): boolean {
  const snapshots = db
    .prepare("SELECT factsJson, collectedAt FROM HostSnapshot WHERE serverId = ? ORDER BY collectedAt ASC, createdAt ASC")
    .all(serverId) as { factsJson: string; collectedAt: string }[];
  if (snapshots.length === 0) return false;
  const facts = foldHostFacts(snapshots.map((snapshot) => JSON.parse(snapshot.factsJson) as HostFacts));
  const latest = { factsJson: JSON.stringify(facts), collectedAt: snapshots.at(-1)!.collectedAt };
  const identity = serverIdentityOf(facts);
  db.prepare(
    `UPDATE Server SET factsJson = ?, agentInstalled = ?, factsCollectedAt = ?, updatedAt = ?, domain = COALESCE(?, domain), osName = ?, osBuild = ?,
       site = ?, owner = ?, tags = ? WHERE id = ?`,
  ).run(
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
  );
  replaceServerTags(db, serverId, identity?.tags ?? ""); // the ServerTag rows follow the Server.tags copy (decision 016)
  return true;
}

/**
 * Removes a server and takes its statuses out of the fleet-wide rule counts. Its waivers are kept as records, not
 * cascaded away: pending and active ones end as "lapsed" (the server and its evidence are gone), each with a
 * "waiver.lapse" audit entry naming the server, and every waiver of the server is detached from the deleted row.
 */
function removeServer(db: Database.Database, serverId: string, upload: UploadRow, now: Date): void {
  const row = db.prepare("SELECT fqdn, statuses, blockingRules FROM Server WHERE id = ?").get(serverId) as { fqdn: string; statuses: string; blockingRules: string } | undefined;
  endWaiversOf(db, serverId, row?.fqdn ?? serverId, upload, now);
  const delta = new Map<string, Counts>();
  const countsOf = (ruleId: string) => {
    let counts = delta.get(ruleId);
    if (!counts) delta.set(ruleId, (counts = { pass: 0, fail: 0, unknown: 0, waived: 0, blocking: 0 }));
    return counts;
  };
  for (const [ruleId, status] of decodeStatuses(row?.statuses ?? "")) countsOf(ruleId)[status]--;
  for (const ruleId of undelimitIds(row?.blockingRules ?? "")) countsOf(ruleId).blocking--;
  applyRuleSummaryDelta(db, delta);
  db.prepare("DELETE FROM Server WHERE id = ?").run(serverId);
}

function endWaiversOf(db: Database.Database, serverId: string, fqdn: string, upload: UploadRow, now: Date): void {
  const live = db.prepare("SELECT id, ruleId, status FROM Waiver WHERE serverId = ? AND status IN ('pending', 'active')").all(serverId) as {
    id: string;
    ruleId: string;
    status: string;
  }[];
  const reason = `${fqdn} was removed: the upload ${upload.fileName} that described it was deleted`;
  const end = db.prepare(
    "UPDATE Waiver SET status = 'lapsed', endedAt = ?, endedBy = 'system', endReason = ?, version = version + 1 WHERE id = ?",
  );
  for (const waiver of live) {
    end.run(sqlDate(now), reason, waiver.id);
    appendAuditSql(
      db,
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
  db.prepare("UPDATE Waiver SET serverId = NULL WHERE serverId = ?").run(serverId);
}
