import { newRowId } from "../ids";
import type { ParseIssue, ParseResult } from "@/lib/ingest/types";
import { sqlDate } from "../sqlite/connection";
import type { Column, SqlValue, WriteTx } from "../write-tx";
import { FreshServers } from "./fresh-servers";
import { mergeHostFacts } from "@/lib/facts";
import { agentFlag, domainOfDn, serverIdentityOf } from "./identity";

// RAW SQL (portable, inside the upload's write transaction): stores an upload's facts with their provenance.

export interface WrittenFacts {
  /** Domains whose evaluation this upload changes, or "all" (tenant and sync-scope facts). */
  affected: Set<string> | "all";
  /** Servers that received a snapshot from this upload. */
  touched: Set<string>;
  issues: ParseIssue[];
  /**
   * Set by writeHostFacts: the touched servers' current facts (so the evaluation reads nothing back) and the rows
   * it still has to write. Pass it to markDetectedInstalls and reevaluate, which finishes it.
   */
  fresh?: FreshServers;
}

function dateOr(value: string | undefined, fallback: Date): Date {
  const date = value ? new Date(value) : fallback;
  return Number.isNaN(date.getTime()) ? fallback : date;
}

/**
 * Stores each host record's snapshot and merges it into its server's current facts (FQDN, or the objectGUID across
 * renames): a newer record's facts win field by field, an older one only fills facts the current ones lack. New
 * servers and all snapshots are written by `written.fresh` after the evaluation (pass `written.fresh` to reevaluate,
 * which finishes it); known servers are updated here.
 */
export async function writeHostFacts(tx: WriteTx, uploadId: string, file: string, parsed: ParseResult, now: Date, written: WrittenFacts): Promise<void> {
  const fresh = (written.fresh ??= new FreshServers(tx));
  const nowText = sqlDate(now);
  const affected = written.affected as Set<string>;
  const identities = parsed.hosts.map((record) => serverIdentityOf(record.facts));
  await fresh.preload(
    identities.flatMap((identity) => (identity?.objectGuid ? [identity.objectGuid] : [])),
    identities.flatMap((identity) => (identity ? [identity.fqdn] : [])),
  );

  // Most records of a file share their collection time (or have none): each distinct one is read and formatted once.
  let lastCollected: { value: string | undefined; date: Date; text: string } | undefined;
  const collectedOf = (value: string | undefined) => {
    if (lastCollected === undefined || lastCollected.value !== value) {
      const date = dateOr(value, now);
      lastCollected = { value, date, text: sqlDate(date) };
    }
    return lastCollected;
  };

  for (const [index, record] of parsed.hosts.entries()) {
    const identity = identities[index];
    if (!identity) {
      written.issues.push({ file: record.source ?? file, row: record.row, message: "The record names no host (no FQDN or computer name); it was skipped.", severity: "error" });
      continue;
    }
    const { date: collectedAt, text: collectedAtText } = collectedOf(record.facts.collectedAt);
    let existing = identity.objectGuid ? fresh.findByGuid(identity.objectGuid) : undefined;
    const sameName = fresh.findByFqdn(identity.fqdn);
    if (existing && sameName && sameName.id !== existing.id) {
      written.issues.push({
        file: record.source ?? file,
        row: record.row,
        message: `${identity.fqdn} has the objectGUID of ${existing.fqdn}, but ${identity.fqdn} already exists as another server; the facts were stored under ${existing.fqdn}.`,
        severity: "warning",
      });
      identity.fqdn = existing.fqdn;
    }
    existing ??= sameName;
    if (!existing) {
      // A new server: its facts become JSON when its row is written, during the evaluation, while the database works
      // (decision 030); its snapshot shares them.
      const serverId = newRowId();
      fresh.add(serverId, { identity, collectedAt: collectedAtText, agentInstalled: agentFlag(record.facts), facts: record.facts }, nowText);
      fresh.addSnapshot({ id: newRowId(), serverId, uploadId, collectedAt: collectedAtText, factsJson: null, createdAt: nowText }, true);
      affected.add(identity.domain);
      written.touched.add(serverId);
      continue;
    }
    const serverId = existing.id;
    const factsJson = JSON.stringify(record.facts);
    affected.add(existing.domain);
    // Each fact comes from the most recent source that carries it (mergeHostFacts): a CSV after a collector report
    // updates owner and RAM and keeps TLS and the network probes; an older export only fills what the current lack.
    const current = fresh.currentFacts(existing);
    const currentAt = existing.factsCollectedAt ? new Date(existing.factsCollectedAt).getTime() : -Infinity;
    const newer = collectedAt.getTime() >= currentAt;
    const facts = current === undefined ? record.facts : newer ? mergeHostFacts(current, record.facts) : mergeHostFacts(record.facts, current);
    const mergedJson = facts === record.facts ? factsJson : JSON.stringify(facts);
    if (!newer) {
      const filled = current === undefined || mergedJson !== JSON.stringify(current);
      written.issues.push({
        file: record.source ?? file,
        row: record.row,
        message: `${identity.fqdn}: these facts (collected ${collectedAt.toISOString()}) are older than the current ones; ${filled ? "they only filled in facts the current ones lack, and are" : "they changed nothing and were"} kept as history.`,
        severity: "warning",
      });
      if (!filled) {
        fresh.addSnapshot({ id: newRowId(), serverId, uploadId, collectedAt: collectedAtText, factsJson, createdAt: nowText }, false);
        affected.add(identity.domain);
        written.touched.add(serverId);
        continue;
      }
    }
    const mergedIdentity = { ...(serverIdentityOf(facts) ?? identity), fqdn: identity.fqdn };
    const at = newer ? collectedAtText : (existing.factsCollectedAt ?? collectedAtText);
    fresh.replace(existing, { identity: mergedIdentity, collectedAt: at, factsJson: mergedJson, agentInstalled: agentFlag(facts), facts }, nowText);
    // The snapshot shares the server's facts when they are exactly this record's.
    fresh.addSnapshot({ id: newRowId(), serverId, uploadId, collectedAt: collectedAtText, factsJson, createdAt: nowText }, mergedJson === factsJson);
    affected.add(identity.domain);
    written.touched.add(serverId);
  }
  await fresh.prepareUpdates();
}

const FACT_SNAPSHOT_COLUMNS: readonly Column[] = [
  ["id", "text"],
  ["kind", "text"],
  ["subject", "text"],
  ["uploadId", "text"],
  ["collectedAt", "timestamp"],
  ["factsJson", "text"],
  ["createdAt", "timestamp"],
];

export async function writeOtherFacts(tx: WriteTx, uploadId: string, parsed: ParseResult, now: Date, written: WrittenFacts): Promise<void> {
  const rows: SqlValue[][] = [];
  const add = (kind: string, subject: string, collectedAt: string | undefined, facts: unknown) => {
    rows.push([newRowId(), kind, subject, uploadId, sqlDate(dateOr(collectedAt, now)), JSON.stringify(facts), sqlDate(now)]);
  };
  const affect = (domain: string) => {
    if (written.affected !== "all") written.affected.add(domain);
  };
  for (const domain of parsed.domains) {
    const key = (domain.dnsName ?? domainOfDn(domain.distinguishedName)).toLowerCase();
    add("domain", key, domain.collectedAt, domain);
    affect(key);
  }
  for (const acl of parsed.acls) {
    const key = domainOfDn(acl.targetDn);
    add("gmsa-acl", `${key}|${(acl.targetDn ?? "").toLowerCase()}`, acl.collectedAt, acl);
    affect(key);
  }
  if (parsed.tenant) {
    add("tenant", "tenant", parsed.tenant.collectedAt, parsed.tenant);
    written.affected = "all";
  }
  if (parsed.scope) {
    add("sync-scope", "scope", undefined, parsed.scope);
    written.affected = "all";
  }
  await tx.insertRows("FactSnapshot", FACT_SNAPSHOT_COLUMNS, rows);
}
