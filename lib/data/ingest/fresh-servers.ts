import type Database from "better-sqlite3";
import type { HostFacts } from "@/lib/facts";
import { BatchInsert } from "../sqlite/batch-insert";
import { beforeCommit } from "../sqlite/connection";
import { ServerTagWriter } from "../sqlite/server-tags";
import type { ServerIdentity } from "./identity";
import type { LoadedServer } from "./state";

// RAW SQL (SQLite, inside the upload transaction; the statements are portable): the servers an upload gives
// current facts to. New servers are held here and inserted once, complete with their verdict, after the
// evaluation (instead of an INSERT followed by an UPDATE of the same wide row), and their host snapshots after
// them (foreign key). Servers that already exist are updated at once, as before. The evaluation takes every
// touched server's facts from here instead of reading back and re-parsing the JSON just written. Every write of
// Server.tags here writes the server's ServerTag rows too (ServerTagWriter; decision 016).

/** A server that a record of the upload matched: in the database, or new earlier in the same file. */
export interface KnownServer {
  id: string;
  fqdn: string;
  domain: string;
  factsCollectedAt: string | null;
  /** The stored outcome (what the evaluation compares against). */
  statuses: string;
  verdict: string;
  blockingRules: string;
  rulesetVersion: string;
  /** The stored Server.tags copy (its ServerTag rows are rewritten only when the new facts change it). */
  tags: string;
  /** The stored current facts (JSON), which a newer record is merged into; absent for a server new in this upload. */
  factsJson?: string | null;
}

export const KNOWN_SERVER_COLUMNS = "id, fqdn, domain, factsCollectedAt, statuses, verdict, blockingRules, rulesetVersion, tags, factsJson";

/**
 * The stored outcome of a server that has never been evaluated: the Server table's column defaults
 * (prisma/schema.prisma). A new server is compared against these, exactly as when it was read back after its INSERT.
 */
const NEVER_EVALUATED = { statuses: "", verdict: "unknown", blockingRules: "", rulesetVersion: "" } as const;

/** The identity and fact columns a record sets on its server. */
export interface ServerFactsRow {
  identity: ServerIdentity;
  /** sqlDate text. */
  collectedAt: string;
  factsJson: string;
  agentInstalled: number | null;
  facts: HostFacts;
}

interface PendingServer {
  id: string;
  fqdn: string;
  name: string;
  domain: string;
  objectGuid: string | null;
  sid: string | null;
  osName: string | null;
  osBuild: number | null;
  site: string | null;
  owner: string | null;
  tags: string;
  collectedAt: string;
  factsJson: string;
  agentInstalled: number | null;
  createdAt: string;
  /** Set once the row is written. */
  inserted: boolean;
}

/** The outcome columns, in this order: what reevaluate writes on every evaluated server. */
export type OutcomeValues = [
  verdict: string,
  verdictRank: number,
  confidenceStars: number,
  confidenceShare: number,
  blockingRules: string,
  conditionRules: string,
  unknownRules: string,
  unknownBlockers: string,
  statuses: string,
  rulesetVersion: string,
  evaluatedAt: string,
  updatedAt: string,
];

const FACT_COLUMNS = ["id", "fqdn", "name", "domain", "objectGuid", "sid", "osName", "osBuild", "site", "owner", "tags", "factsCollectedAt", "factsJson", "agentInstalled", "createdAt"];
const OUTCOME_COLUMNS = [
  "verdict",
  "verdictRank",
  "confidenceStars",
  "confidenceShare",
  "blockingRules",
  "conditionRules",
  "unknownRules",
  "unknownBlockers",
  "statuses",
  "rulesetVersion",
  "evaluatedAt",
  "updatedAt",
];

export class FreshServers {
  /** Every server whose current facts this upload set, as the evaluation needs it (facts in memory). */
  readonly current = new Map<string, LoadedServer>();
  /** Server rows (new servers, with their outcome); other tables' rows that reference them flush this first. */
  readonly serverRows: BatchInsert;
  /** ServerTag rows: new servers' after their Server rows, known servers' replaced with the UPDATE. */
  private readonly tagRows: ServerTagWriter;
  private readonly pending = new Map<string, PendingServer>();
  private readonly pendingByFqdn = new Map<string, string>();
  private readonly pendingByGuid = new Map<string, string>();
  private readonly snapshots: unknown[][] = [];
  private readonly afterInsert: (() => void)[] = [];
  private readonly byGuid: Database.Statement;
  private readonly byFqdn: Database.Statement;
  private readonly update: Database.Statement;
  private finished = false;

  constructor(private readonly db: Database.Database) {
    this.byGuid = db.prepare(`SELECT ${KNOWN_SERVER_COLUMNS} FROM Server WHERE objectGuid = ?`);
    this.byFqdn = db.prepare(`SELECT ${KNOWN_SERVER_COLUMNS} FROM Server WHERE fqdn = ?`);
    this.update = db.prepare(
      `UPDATE Server SET fqdn = ?, name = ?, domain = ?, objectGuid = COALESCE(?, objectGuid), sid = COALESCE(?, sid),
         osName = ?, osBuild = ?, site = ?, owner = ?, tags = ?, factsCollectedAt = ?, factsJson = ?, agentInstalled = ?, updatedAt = ? WHERE id = ?`,
    );
    this.serverRows = new BatchInsert(db, "Server", [...FACT_COLUMNS, ...OUTCOME_COLUMNS]);
    this.tagRows = new ServerTagWriter(db, { after: [this.serverRows] });
    // A new server that was never written would be lost silently: refuse to commit instead.
    beforeCommit(db, () => {
      if (!this.finished && this.pending.size > 0) throw new Error(`${this.pending.size} new servers were never written (FreshServers.finish was not called)`);
    });
  }

  /** The server with this objectGUID, new in this upload or stored. */
  findByGuid(guid: string): KnownServer | undefined {
    const id = this.pendingByGuid.get(guid);
    return id === undefined ? (this.byGuid.get(guid) as KnownServer | undefined) : this.known(id);
  }

  /** The server with this FQDN, new in this upload or stored. */
  findByFqdn(fqdn: string): KnownServer | undefined {
    const id = this.pendingByFqdn.get(fqdn);
    return id === undefined ? (this.byFqdn.get(fqdn) as KnownServer | undefined) : this.known(id);
  }

  /** A server's current facts: as this upload set them, or as stored (undefined for a server without facts). */
  currentFacts(known: KnownServer): HostFacts | undefined {
    const loaded = this.current.get(known.id);
    if (loaded) return loaded.facts;
    return known.factsJson ? (JSON.parse(known.factsJson) as HostFacts) : undefined;
  }

  private known(id: string): KnownServer {
    const row = this.pending.get(id)!;
    return { id, fqdn: row.fqdn, domain: row.domain, factsCollectedAt: row.collectedAt, tags: row.tags, ...NEVER_EVALUATED };
  }

  /** A new server: held until its outcome is known (see insertEvaluated). */
  add(id: string, row: ServerFactsRow, now: string): void {
    const i = row.identity;
    const server: PendingServer = {
      id,
      fqdn: i.fqdn,
      name: i.name,
      domain: i.domain,
      objectGuid: i.objectGuid,
      sid: i.sid,
      osName: i.osName,
      osBuild: i.osBuild,
      site: i.site,
      owner: i.owner,
      tags: i.tags,
      collectedAt: row.collectedAt,
      factsJson: row.factsJson,
      agentInstalled: row.agentInstalled,
      createdAt: now,
      inserted: false,
    };
    this.pending.set(id, server);
    this.pendingByFqdn.set(server.fqdn, id);
    if (server.objectGuid !== null) this.pendingByGuid.set(server.objectGuid, id);
    this.current.set(id, { id, fqdn: server.fqdn, domain: server.domain, facts: row.facts, ...NEVER_EVALUATED });
  }

  /** Newer facts for a known server: the same assignments as the UPDATE (objectGUID and SID kept when not given). */
  replace(known: KnownServer, row: ServerFactsRow, now: string): void {
    const i = row.identity;
    const server = this.pending.get(known.id);
    if (server === undefined) {
      this.update.run(i.fqdn, i.name, i.domain, i.objectGuid, i.sid, i.osName, i.osBuild, i.site, i.owner, i.tags, row.collectedAt, row.factsJson, row.agentInstalled, now, known.id);
      this.tagRows.replace(known.id, i.tags, known.tags);
    } else {
      if (server.fqdn !== i.fqdn) {
        this.pendingByFqdn.delete(server.fqdn);
        this.pendingByFqdn.set(i.fqdn, server.id);
      }
      if (i.objectGuid !== null && i.objectGuid !== server.objectGuid) {
        if (server.objectGuid !== null) this.pendingByGuid.delete(server.objectGuid);
        this.pendingByGuid.set(i.objectGuid, server.id);
      }
      Object.assign(server, {
        fqdn: i.fqdn,
        name: i.name,
        domain: i.domain,
        objectGuid: i.objectGuid ?? server.objectGuid,
        sid: i.sid ?? server.sid,
        osName: i.osName,
        osBuild: i.osBuild,
        site: i.site,
        owner: i.owner,
        tags: i.tags,
        collectedAt: row.collectedAt,
        factsJson: row.factsJson,
        agentInstalled: row.agentInstalled,
      });
    }
    const { statuses, verdict, blockingRules, rulesetVersion } = known;
    this.current.set(known.id, { id: known.id, fqdn: i.fqdn, domain: i.domain, facts: row.facts, statuses, verdict, blockingRules, rulesetVersion });
  }

  /** A host snapshot row (id, serverId, uploadId, collectedAt, factsJson, createdAt), written after the servers. */
  addSnapshot(values: unknown[]): void {
    this.snapshots.push(values);
  }

  isPending(id: string): boolean {
    const server = this.pending.get(id);
    return server !== undefined && !server.inserted;
  }

  /** New servers not yet written, in the order they were added (what a fleet-wide count must include). */
  *pendingServers(): Generator<{ id: string; fqdn: string; name: string; domain: string; agentInstalled: number | null }> {
    for (const server of this.pending.values()) if (!server.inserted) yield server;
  }

  /** Runs once the new server's row exists (e.g. the UPDATE that marks a detected install). */
  whenInserted(action: () => void): void {
    this.afterInsert.push(action);
  }

  /** Writes a new server's row with its outcome (see OutcomeValues). */
  insertEvaluated(id: string, outcome: OutcomeValues): void {
    const s = this.pending.get(id)!;
    s.inserted = true;
    this.serverRows.add(
      s.id,
      s.fqdn,
      s.name,
      s.domain,
      s.objectGuid,
      s.sid,
      s.osName,
      s.osBuild,
      s.site,
      s.owner,
      s.tags,
      s.collectedAt,
      s.factsJson,
      s.agentInstalled,
      s.createdAt,
      ...outcome,
    );
    this.tagRows.add(s.id, s.tags);
  }

  /**
   * Writes what is still held: new servers the evaluation did not reach (with the table's default outcome; the
   * evaluation always reaches every touched server, so this is a safety net), the actions waiting for rows, then
   * the host snapshots. Call once, after the evaluation and before anything counts servers.
   */
  finish(): void {
    this.serverRows.flush();
    const plain = this.db.prepare(`INSERT INTO Server (${FACT_COLUMNS.join(", ")}, updatedAt) VALUES (${FACT_COLUMNS.map(() => "?").join(", ")}, ?)`);
    for (const s of this.pending.values()) {
      if (s.inserted) continue;
      s.inserted = true;
      plain.run(s.id, s.fqdn, s.name, s.domain, s.objectGuid, s.sid, s.osName, s.osBuild, s.site, s.owner, s.tags, s.collectedAt, s.factsJson, s.agentInstalled, s.createdAt, s.createdAt);
      this.tagRows.add(s.id, s.tags);
    }
    this.tagRows.flush();
    for (const action of this.afterInsert) action();
    const snapshots = new BatchInsert(this.db, "HostSnapshot", ["id", "serverId", "uploadId", "collectedAt", "factsJson", "createdAt"]);
    for (const values of this.snapshots) snapshots.add(...values);
    snapshots.flush();
    this.snapshots.length = 0;
    this.finished = true;
  }
}
