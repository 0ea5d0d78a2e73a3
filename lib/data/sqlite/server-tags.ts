import type Database from "better-sqlite3";
import { undelimitIds } from "../ingest/statuses";
import { BatchInsert } from "./batch-insert";

// RAW SQL (portable: plain INSERT and DELETE by key). A server's tags live twice: ServerTag rows (serverId, tag),
// which the servers-list tag filter searches through the (tag, serverId) index, and Server.tags (",a,b,"), the
// display copy that lists and exports show without a join. Whoever writes Server.tags writes the ServerTag rows
// through this file in the same transaction (decision 016); deleting a Server row cascades to its ServerTag rows.

/**
 * The ServerTag rows of one write transaction: rows of new servers are batched after the Server rows they reference
 * (`after`), a known server's rows are replaced at once, and only when its tags changed.
 */
export class ServerTagWriter {
  private readonly rows: BatchInsert;
  private readonly clear: Database.Statement;

  constructor(db: Database.Database, options: { after?: readonly BatchInsert[] } = {}) {
    this.rows = new BatchInsert(db, "ServerTag", ["serverId", "tag"], { after: options.after });
    this.clear = db.prepare("DELETE FROM ServerTag WHERE serverId = ?");
  }

  /** The tags of a server that has no ServerTag rows yet (a new server). */
  add(serverId: string, delimited: string): void {
    for (const tag of undelimitIds(delimited)) this.rows.add(serverId, tag);
  }

  /** Makes a stored server's rows the tags of `delimited`; nothing happens when `previous` (its stored copy) is equal. */
  replace(serverId: string, delimited: string, previous?: string): void {
    if (previous === delimited) return;
    this.clear.run(serverId);
    this.add(serverId, delimited);
  }

  /** Writes the rows still held (call before the transaction commits). */
  flush(): void {
    this.rows.flush();
  }
}

/** Replaces one stored server's ServerTag rows with the tags of `delimited` (the value just written to Server.tags). */
export function replaceServerTags(db: Database.Database, serverId: string, delimited: string): void {
  const writer = new ServerTagWriter(db);
  writer.replace(serverId, delimited);
  writer.flush();
}
