import type { HostFacts } from "@/lib/facts";
import { type Column, flag, inChunks, placeholders, type SqlValue, type WriteTx } from "../write-tx";
import { keepSnapshotFacts } from "./snapshot-facts";
import { undelimitIds } from "./statuses";
import type { ServerIdentity } from "./identity";
import type { LoadedServer } from "./state";

// RAW SQL (portable, inside the evaluation write transaction): the servers an upload gives current facts to. The
// stored servers the file names are read in a few batched lookups first (preload), so matching each record is a map
// lookup, not a query. New servers are held here and inserted once, complete with their verdict, as the evaluation
// reaches them (instead of an INSERT followed by an UPDATE of the same wide row): in batches while it goes on
// (writeEvaluated, decision 027), the rest by finish, each batch's host snapshots right after its servers (foreign key;
// a stored server's snapshots by finish). Stored servers' new facts are held as well and written with their outcome,
// in one UPDATE per batch (takeHeldFacts, decision 033); prepareUpdates readies their snapshots and ServerTag rows
// first, and what reads the Server table before then corrects for heldServers. The evaluation takes every touched
// server's facts from here instead of re-parsing the JSON just written. Every write of Server.tags here writes the
// server's ServerTag rows too on SQLite (decision 016; PostgreSQL computes its tag array from Server.tags, decision
// 030). A snapshot whose facts are its server's current facts is written without them (decision 026,
// snapshot-facts.ts): when the server's facts change later in the same upload, the held row gets them back; stored
// snapshots get them in prepareUpdates.

/** A server that a record of the upload matched: in the database, or new earlier in the same file. */
export interface KnownServer {
  id: string;
  fqdn: string;
  domain: string;
  objectGuid: string | null;
  sid: string | null;
  factsCollectedAt: string | null;
  /** The stored outcome (what the evaluation compares against). */
  statuses: string;
  verdict: string;
  blockingRules: string;
  rulesetVersion: string;
  /** The stored Server.tags copy (its ServerTag rows are rewritten only when the new facts change it). */
  tags: string;
  /** The stored agent flag (0/1, or a boolean from PostgreSQL; null: not collected) and rollout status (detected installs). */
  agentInstalled?: unknown;
  rolloutStatus?: string;
  /** The stored current facts (JSON), which a newer record is merged into; absent for a server new in this upload. */
  factsJson?: string | null;
}

const KNOWN_SERVER_COLUMNS = `"id", "fqdn", "domain", "objectGuid", "sid", "factsCollectedAt", "statuses", "verdict", "blockingRules", "rulesetVersion", "tags", "factsJson", "agentInstalled", "rolloutStatus"`;

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
  /** JSON.stringify(facts). A new server's (add) is made when its row is written (factsJsonOf, decision 030). */
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
  /** Its current facts, and their JSON once made (factsJsonOf). */
  facts: HostFacts;
  factsJson?: string;
  agentInstalled: number | null;
  createdAt: string;
  /** The outcome columns, once evaluated (OUTCOME_COLUMNS). */
  outcome?: OutcomeValues;
  /** Its row was written (writeEvaluated), before finish. */
  written?: boolean;
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
  failingRules: string,
  waivedRules: string,
];

const FACT_COLUMNS: readonly Column[] = [
  ["id", "text"],
  ["fqdn", "text"],
  ["name", "text"],
  ["domain", "text"],
  ["objectGuid", "text"],
  ["sid", "text"],
  ["osName", "text"],
  ["osBuild", "int"],
  ["site", "text"],
  ["owner", "text"],
  ["tags", "text"],
  ["factsCollectedAt", "timestamp"],
  ["factsJson", "text"],
  ["agentInstalled", "bool"],
  ["createdAt", "timestamp"],
];

export const OUTCOME_COLUMNS: readonly Column[] = [
  ["verdict", "text"],
  ["verdictRank", "int"],
  ["confidenceStars", "int"],
  ["confidenceShare", "float"],
  ["blockingRules", "text"],
  ["conditionRules", "text"],
  ["unknownRules", "text"],
  ["unknownBlockers", "text"],
  ["statuses", "text"],
  ["rulesetVersion", "text"],
  ["evaluatedAt", "timestamp"],
  ["updatedAt", "timestamp"],
  ["failingRules", "text"],
  ["waivedRules", "text"],
];

/** A new server's row with its outcome. */
const EVALUATED_SERVER_COLUMNS: readonly Column[] = [...FACT_COLUMNS, ...OUTCOME_COLUMNS];

/** A new server's current facts as JSON (made once, when first needed; nothing changes the facts of a record). */
function factsJsonOf(s: PendingServer): string {
  return (s.factsJson ??= JSON.stringify(s.facts));
}

/** A new server's FACT_COLUMNS values. */
function factValues(s: PendingServer): SqlValue[] {
  return [s.id, s.fqdn, s.name, s.domain, s.objectGuid, s.sid, s.osName, s.osBuild, s.site, s.owner, s.tags, s.collectedAt, factsJsonOf(s), s.agentInstalled, s.createdAt];
}

/** The fact columns a stored server's newer facts set: FACT_COLUMNS but id and createdAt. */
const STORED_FACT_COLUMNS: readonly Column[] = FACT_COLUMNS.filter(([name]) => name !== "id" && name !== "createdAt");

/** A held update's values (STORED_FACT_COLUMNS, then updatedAt, then the id). */
const UPDATE_COLUMNS: readonly Column[] = [...STORED_FACT_COLUMNS, ["updatedAt", "timestamp"]];

/**
 * A stored server's new facts and its outcome, in one UPDATE (the values: STORED_FACT_COLUMNS, then OUTCOME_COLUMNS,
 * whose updatedAt is the facts' too, then the id): its row gets one new version instead of two (decision 033).
 */
export const FACTS_AND_OUTCOME_COLUMNS: readonly Column[] = [...STORED_FACT_COLUMNS, ...OUTCOME_COLUMNS];

/** A stored server's agent data as stored, before this upload's facts (what a fleet-wide count read from the table holds). */
export interface StoredAgentData {
  domain: string;
  fqdn: string;
  agentInstalled: number | null;
  rolloutStatus: string;
}

/** A stored server whose new facts are held (not written yet): its new identity and agent flag, and what is stored. */
export interface HeldServer {
  id: string;
  fqdn: string;
  name: string;
  domain: string;
  agentInstalled: number | null;
  stored: StoredAgentData;
}

const SNAPSHOT_COLUMNS: readonly Column[] = [
  ["id", "text"],
  ["serverId", "text"],
  ["uploadId", "text"],
  ["collectedAt", "timestamp"],
  ["factsJson", "text"],
  ["createdAt", "timestamp"],
];

/** Where SNAPSHOT_COLUMNS has factsJson. */
const SNAPSHOT_FACTS = 4;

export const TAG_COLUMNS: readonly Column[] = [
  ["serverId", "text"],
  ["tag", "text"],
];

/** The ServerTag rows of servers' delimited tags (",a,b,"). */
export function tagRows(servers: Iterable<{ id: string; tags: string }>): SqlValue[][] {
  const rows: SqlValue[][] = [];
  for (const server of servers) for (const tag of undelimitIds(server.tags)) rows.push([server.id, tag]);
  return rows;
}

/**
 * Whether this database keeps ServerTag rows: SQLite's tag filter reads them; PostgreSQL's reads Server.tagList, an
 * array the database computes from Server.tags (decision 030, lib/data/server-tag-filter.ts), so it keeps none.
 */
export function keepsServerTags(tx: WriteTx): boolean {
  return tx.kind === "sqlite";
}

/** Inserts the ServerTag rows of new servers (where the database keeps them, keepsServerTags). */
function insertServerTags(tx: WriteTx, servers: Iterable<{ id: string; tags: string }>): Promise<void> {
  return keepsServerTags(tx) ? tx.insertRows("ServerTag", TAG_COLUMNS, tagRows(servers)) : Promise.resolve();
}

/** Makes the ServerTag rows of stored servers those of their new Server.tags copy (where the database keeps them). */
export async function replaceServerTags(tx: WriteTx, servers: readonly { id: string; tags: string }[]): Promise<void> {
  if (servers.length === 0 || !keepsServerTags(tx)) return;
  await inChunks(
    servers.map((server) => server.id),
    async (chunk) => [await tx.run(`DELETE FROM "ServerTag" WHERE "serverId" IN (${placeholders(chunk.length)})`, chunk)],
  );
  await insertServerTags(tx, servers);
}

export class FreshServers {
  /** Every server whose current facts this upload set, as the evaluation needs it (facts in memory). */
  readonly current = new Map<string, LoadedServer>();
  private readonly pending = new Map<string, PendingServer>();
  private readonly pendingByFqdn = new Map<string, string>();
  private readonly pendingByGuid = new Map<string, string>();
  /** Stored servers the file names (preload), by FQDN and objectGUID, kept as this upload changes them. */
  private readonly storedByFqdn = new Map<string, KnownServer>();
  private readonly storedByGuid = new Map<string, KnownServer>();
  /** Stored servers' new fact columns (UPDATE_COLUMNS, then the id), the last per server, until written (takeHeldFacts, finish). */
  private readonly updates = new Map<string, SqlValue[]>();
  /** Stored servers' tags as stored, for those whose tags this upload may have changed. */
  private readonly storedTags = new Map<string, string>();
  /** Stored servers' agent data as stored, for those with held updates (fleet counts read from the table hold these). */
  private readonly storedAgent = new Map<string, StoredAgentData>();
  /** Held updates whose servers' snapshots and ServerTag rows are ready for the new facts (prepareUpdates). */
  private readonly prepared = new Set<string>();
  /** Held snapshot rows of stored servers (written by finish). */
  private readonly snapshots: SqlValue[][] = [];
  /** Held snapshot rows of new servers, by server id: written right after their server's row (writeEvaluated, finish). */
  private readonly newServerSnapshots = new Map<string, SqlValue[][]>();
  /** Held snapshot rows that share their server's current facts (factsJson null), by server id. */
  private readonly sharingSnapshots = new Map<string, SqlValue[]>();
  /** New servers evaluated since the last writeEvaluated, in evaluation order. */
  private readonly evaluated: PendingServer[] = [];
  /** Writes that need the new servers' rows (marking a detected install), run once they exist. */
  private readonly afterInsert: ((tx: WriteTx) => Promise<void>)[] = [];
  private finished = false;

  constructor(private readonly tx: WriteTx) {
    // A new server that was never written would be lost silently: refuse to commit instead.
    tx.beforeCommit(() => {
      if (!this.finished && this.pending.size > 0) throw new Error(`${this.pending.size} new servers were never written (FreshServers.finish was not called)`);
      if (this.updates.size > 0) throw new Error(`${this.updates.size} servers' new facts were never written (FreshServers.finish was not called)`);
    });
  }

  /** Reads the stored servers with these objectGUIDs or FQDNs (a few batched queries), before the records are matched. */
  async preload(guids: readonly string[], fqdns: readonly string[]): Promise<void> {
    const remember = (rows: KnownServer[]) => {
      for (const row of rows) {
        const known = this.storedByFqdn.get(row.fqdn) ?? row;
        this.storedByFqdn.set(known.fqdn, known);
        if (known.objectGuid !== null) this.storedByGuid.set(known.objectGuid, known);
      }
    };
    const wanted = (values: readonly string[], have: Map<string, KnownServer>) => [...new Set(values)].filter((value) => !have.has(value));
    remember(await this.tx.allIn<KnownServer>((list) => `SELECT ${KNOWN_SERVER_COLUMNS} FROM "Server" WHERE "objectGuid" ${list}`, wanted(guids, this.storedByGuid)));
    remember(await this.tx.allIn<KnownServer>((list) => `SELECT ${KNOWN_SERVER_COLUMNS} FROM "Server" WHERE "fqdn" ${list}`, wanted(fqdns, this.storedByFqdn)));
  }

  /** The server with this objectGUID, new in this upload or stored (preloaded). */
  findByGuid(guid: string): KnownServer | undefined {
    const id = this.pendingByGuid.get(guid);
    return id === undefined ? this.storedByGuid.get(guid) : this.known(id);
  }

  /** The server with this FQDN, new in this upload or stored (preloaded). */
  findByFqdn(fqdn: string): KnownServer | undefined {
    const id = this.pendingByFqdn.get(fqdn);
    return id === undefined ? this.storedByFqdn.get(fqdn) : this.known(id);
  }

  /** A server's current facts: as this upload set them, or as stored (undefined for a server without facts). */
  currentFacts(known: KnownServer): HostFacts | undefined {
    const loaded = this.current.get(known.id);
    if (loaded) return loaded.facts;
    return known.factsJson ? (JSON.parse(known.factsJson) as HostFacts) : undefined;
  }

  private known(id: string): KnownServer {
    const row = this.pending.get(id)!;
    return { id, fqdn: row.fqdn, domain: row.domain, objectGuid: row.objectGuid, sid: row.sid, factsCollectedAt: row.collectedAt, tags: row.tags, ...NEVER_EVALUATED };
  }

  /** A new server: held until its outcome is known (see insertEvaluated). */
  add(id: string, row: Omit<ServerFactsRow, "factsJson">, now: string): void {
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
      facts: row.facts,
      agentInstalled: row.agentInstalled,
      createdAt: now,
    };
    this.pending.set(id, server);
    this.pendingByFqdn.set(server.fqdn, id);
    if (server.objectGuid !== null) this.pendingByGuid.set(server.objectGuid, id);
    this.current.set(id, { id, fqdn: server.fqdn, domain: server.domain, facts: row.facts, ...NEVER_EVALUATED });
  }

  /** Newer facts for a known server (objectGUID and SID kept when not given); a stored one's are held (prepareUpdates, takeHeldFacts). */
  replace(known: KnownServer, row: ServerFactsRow, now: string): void {
    const i = row.identity;
    const server = this.pending.get(known.id);
    if (server?.written) throw new Error(`${server.fqdn}: new facts for a server whose row was already written`);
    // A held snapshot that shared the facts being replaced keeps them (a stored one's: prepareUpdates).
    const sharing = this.sharingSnapshots.get(known.id);
    if (sharing !== undefined) {
      sharing[SNAPSHOT_FACTS] = server === undefined ? (known.factsJson ?? null) : factsJsonOf(server);
      this.sharingSnapshots.delete(known.id);
    }
    if (server === undefined) {
      const objectGuid = i.objectGuid ?? known.objectGuid;
      const sid = i.sid ?? known.sid;
      this.updates.set(known.id, [i.fqdn, i.name, i.domain, objectGuid, sid, i.osName, i.osBuild, i.site, i.owner, i.tags, row.collectedAt, row.factsJson, row.agentInstalled, now, known.id]);
      if (!this.storedTags.has(known.id)) this.storedTags.set(known.id, known.tags);
      if (!this.storedAgent.has(known.id)) {
        this.storedAgent.set(known.id, { domain: known.domain, fqdn: known.fqdn, agentInstalled: flag(known.agentInstalled), rolloutStatus: known.rolloutStatus ?? "not-started" });
      }
      // What a lookup later in the file finds is the server as this upload left it (as a query would after the UPDATE).
      if (this.storedByFqdn.get(known.fqdn) === known) this.storedByFqdn.delete(known.fqdn);
      if (known.objectGuid !== null && objectGuid !== known.objectGuid && this.storedByGuid.get(known.objectGuid) === known) this.storedByGuid.delete(known.objectGuid);
      Object.assign(known, { fqdn: i.fqdn, domain: i.domain, objectGuid, sid, factsCollectedAt: row.collectedAt, factsJson: row.factsJson, tags: i.tags });
      this.storedByFqdn.set(known.fqdn, known);
      if (objectGuid !== null) this.storedByGuid.set(objectGuid, known);
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
        facts: row.facts,
        factsJson: row.factsJson,
        agentInstalled: row.agentInstalled,
      });
    }
    const { statuses, verdict, blockingRules, rulesetVersion } = known;
    this.current.set(known.id, { id: known.id, fqdn: i.fqdn, domain: i.domain, facts: row.facts, statuses, verdict, blockingRules, rulesetVersion });
  }

  /**
   * Readies the stored servers' new facts (held, not written): their stored snapshots that share their current facts
   * get a copy (keepSnapshotFacts), and their ServerTag rows become those of the new tags. The facts themselves are
   * written with the server's outcome, in one UPDATE (takeHeldFacts, decision 033), or by finish. Until then a read of
   * the Server table sees the stored facts: what reads it meanwhile (fleet counts, known domains, detected installs)
   * corrects for heldServers.
   */
  async prepareUpdates(): Promise<void> {
    const ids = [...this.updates.keys()].filter((id) => !this.prepared.has(id));
    if (ids.length === 0) return;
    await keepSnapshotFacts(this.tx, ids);
    const retagged: { id: string; tags: string }[] = [];
    for (const id of ids) {
      const tags = this.updates.get(id)![9] as string;
      if (tags !== this.storedTags.get(id)) retagged.push({ id, tags });
      this.storedTags.delete(id);
      this.prepared.add(id);
    }
    await replaceServerTags(this.tx, retagged);
  }

  /** Stored servers whose new facts are held, with their new identity and agent flag and what is stored (fleet counts). */
  *heldServers(): Generator<HeldServer> {
    for (const [id, values] of this.updates) {
      yield { id, fqdn: values[0] as string, name: values[1] as string, domain: values[2] as string, agentInstalled: values[12] as number | null, stored: this.storedAgent.get(id)! };
    }
  }

  /**
   * A stored server's held new facts (STORED_FACT_COLUMNS values), taken to be written with its outcome
   * (FACTS_AND_OUTCOME_COLUMNS); undefined when none are held.
   */
  takeHeldFacts(id: string): SqlValue[] | undefined {
    const values = this.updates.get(id);
    if (values === undefined) return undefined;
    if (!this.prepared.has(id)) throw new Error("new facts taken before prepareUpdates");
    this.updates.delete(id);
    return values.slice(0, STORED_FACT_COLUMNS.length);
  }

  /** Writes the held new facts that no outcome took (and readies those not prepared yet). */
  private async flushUpdates(): Promise<void> {
    if (this.updates.size === 0) return;
    await this.prepareUpdates();
    await this.tx.updateRows("Server", UPDATE_COLUMNS, "id", [...this.updates.values()]);
    this.updates.clear();
  }

  /**
   * A host snapshot, written after the servers. `sharesServerFacts`: `factsJson` is exactly the server's current facts
   * as this upload leaves them so far (a new server's first record, or a record whose facts replaced them as they
   * were): the row is written without them (decision 026) unless a later record of the upload changes them.
   */
  addSnapshot(snapshot: { id: string; serverId: string; uploadId: string; collectedAt: string; factsJson: string | null; createdAt: string }, sharesServerFacts: boolean): void {
    if (!sharesServerFacts && snapshot.factsJson === null) throw new Error("a snapshot with facts of its own needs them as JSON");
    const row: SqlValue[] = [snapshot.id, snapshot.serverId, snapshot.uploadId, snapshot.collectedAt, sharesServerFacts ? null : snapshot.factsJson, snapshot.createdAt];
    if (!this.pending.has(snapshot.serverId)) this.snapshots.push(row);
    else {
      const held = this.newServerSnapshots.get(snapshot.serverId);
      if (held) held.push(row);
      else this.newServerSnapshots.set(snapshot.serverId, [row]);
    }
    if (sharesServerFacts) this.sharingSnapshots.set(snapshot.serverId, row);
  }

  /** A new server whose row is not written yet (its outcome goes to insertEvaluated). */
  isPending(id: string): boolean {
    const server = this.pending.get(id);
    return !this.finished && server !== undefined && server.written !== true;
  }

  /** New servers not yet written, in the order they were added (what a fleet-wide count must include). */
  *pendingServers(): Generator<{ id: string; fqdn: string; name: string; domain: string; agentInstalled: number | null }> {
    if (this.finished) return;
    yield* this.pending.values();
  }

  /** Runs once the new server's row exists (the UPDATE that marks a detected install). */
  whenInserted(write: (tx: WriteTx) => Promise<void>): void {
    this.afterInsert.push(write);
  }

  /** Holds a new server's outcome (see OutcomeValues); its row is written by writeEvaluated or finish. */
  insertEvaluated(id: string, outcome: OutcomeValues): void {
    const server = this.pending.get(id)!;
    server.outcome = outcome;
    this.evaluated.push(server);
  }

  /** The held snapshot rows of these new servers (each server's are taken once: they are about to be written). */
  private takeSnapshotsOf(servers: readonly PendingServer[]): SqlValue[][] {
    const rows: SqlValue[][] = [];
    for (const server of servers) {
      const held = this.newServerSnapshots.get(server.id);
      if (held === undefined) continue;
      rows.push(...held);
      this.newServerSnapshots.delete(server.id);
    }
    return rows;
  }

  /**
   * Writes the new servers evaluated since the last call, complete with their outcome, their ServerTag rows and their
   * host snapshots, while the evaluation goes on (reevaluate's write batches, decision 027); finish writes the rest.
   * The statements are issued before any is awaited: the database takes them in order, each server's row first. A
   * snapshot's row is final by then: records change their server's facts (replace) before the evaluation starts.
   */
  writeEvaluated(): Promise<void> {
    const batch = this.evaluated.splice(0);
    if (this.finished || batch.length === 0) return Promise.resolve();
    for (const server of batch) server.written = true;
    const servers = this.tx.insertRows("Server", EVALUATED_SERVER_COLUMNS, batch.map((s) => [...factValues(s), ...s.outcome!]));
    const tags = insertServerTags(this.tx, batch);
    const snapshots = this.tx.insertRows("HostSnapshot", SNAPSHOT_COLUMNS, this.takeSnapshotsOf(batch));
    return Promise.all([servers, tags, snapshots]).then(() => undefined);
  }

  /**
   * Writes what is held: new servers with their outcome (those the evaluation did not reach with the table's default
   * outcome: the evaluation always reaches every touched server, so that is a safety net), their ServerTag rows, the
   * actions waiting for rows, then the host snapshots. Call once, after the evaluation and before anything counts servers.
   */
  async finish(): Promise<void> {
    if (this.finished) return;
    await this.flushUpdates();
    const evaluated: SqlValue[][] = [];
    const plain: SqlValue[][] = [];
    const unwritten: PendingServer[] = [];
    for (const s of this.pending.values()) {
      if (s.written) continue;
      unwritten.push(s);
      if (s.outcome) evaluated.push([...factValues(s), ...s.outcome]);
      else plain.push([...factValues(s), s.createdAt]);
    }
    this.evaluated.length = 0;
    await this.tx.insertRows("Server", EVALUATED_SERVER_COLUMNS, evaluated);
    await this.tx.insertRows("Server", [...FACT_COLUMNS, ["updatedAt", "timestamp"]], plain);
    await insertServerTags(this.tx, unwritten);
    this.finished = true;
    for (const write of this.afterInsert) await write(this.tx);
    await this.tx.insertRows("HostSnapshot", SNAPSHOT_COLUMNS, [...this.takeSnapshotsOf(unwritten), ...this.snapshots]);
    this.snapshots.length = 0;
    this.sharingSnapshots.clear();
  }
}
