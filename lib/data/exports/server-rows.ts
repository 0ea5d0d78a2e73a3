import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isoDay } from "@/lib/rollout/status";
import type { ServerFilters } from "@/lib/views/server-filters";
import { databaseKind } from "../database-kind";
import { db } from "../db";
import { undelimitRuleIds } from "../ingest/statuses";
import { LIST_SELECT, nullsAsSqlite, type ServerListItem, serverWhere, staleBefore, toListItem } from "../servers";

// The servers of a filter, in the servers list's order, for the exports: KEYSET pagination (each batch starts
// after the last row's sort key, with the unique FQDN as tie-breaker), so batch 25 costs what batch 1 costs
// instead of an OFFSET that reads and discards every earlier row.

export interface ExportServer extends ServerListItem {
  unknownRuleIds: string[];
}

const EXPORT_SELECT = {
  ...LIST_SELECT,
  id: true,
  verdictRank: true,
  unknownRules: true,
  wave: { select: { id: true, name: true, archivedAt: true, position: true } },
} satisfies Prisma.ServerSelect;

type ExportRow = Prisma.ServerGetPayload<{ select: typeof EXPORT_SELECT }>;
type Dir = "asc" | "desc";
type Key = unknown;
type Where = Prisma.ServerWhereInput;

/**
 * One column of the sort key: how to read it, compare to it, and order by it. NULLs of a nullable column come first
 * ascending and last descending on both databases (nullsAsSqlite, as the list orders them).
 */
interface KeyPart {
  value: (row: ExportRow) => Key;
  equals: (value: Key) => Where;
  /** Rows strictly after `value` in this direction; null when none can be. */
  after: (value: Key, dir: Dir) => Where | null;
  orderBy: (dir: Dir) => Prisma.ServerOrderByWithRelationInput;
  /** A range the next rows are within (k1 >= v1), redundant with `after` but usable by SQLite to seek the index. */
  from?: (value: Key, dir: Dir) => Where | null;
}

type Column = "fqdn" | "name" | "verdictRank" | "domain" | "osName" | "factsCollectedAt" | "confidenceStars" | "rolloutStatus" | "rolloutTargetDate";

const NULLABLE = new Set<Column>(["osName", "factsCollectedAt", "rolloutTargetDate"]);

function column(name: Column): KeyPart {
  return {
    value: (row) => row[name],
    equals: (value) => ({ [name]: value }),
    after: (value, dir) => {
      if (dir === "asc") return value === null ? { [name]: { not: null } } : { [name]: { gt: value } };
      if (value === null) return null;
      return NULLABLE.has(name) ? { OR: [{ [name]: { lt: value } }, { [name]: null }] } : { [name]: { lt: value } };
    },
    orderBy: (dir) => ({ [name]: NULLABLE.has(name) ? nullsAsSqlite(dir) : dir }),
    from: (value, dir) => {
      if (value === null) return null;
      if (dir === "asc") return { [name]: { gte: value } };
      return NULLABLE.has(name) ? null : { [name]: { lte: value } };
    },
  };
}

/**
 * The wave's position, null without a wave. Ordered through the relation, which has no NULLS option in Prisma: the
 * servers without a wave come where the database puts NULLs (SQLite: first ascending; PostgreSQL: last ascending),
 * as in the list, so `after` asks which.
 */
const wavePosition: KeyPart = {
  value: (row) => row.wave?.position ?? null,
  equals: (value) => (value === null ? { waveId: null } : { wave: { position: value as number } }),
  after: (value, dir) => {
    const nullsFirst = (dir === "asc") === (databaseKind() === "sqlite");
    const beyond: Where = { wave: { position: dir === "asc" ? { gt: value as number } : { lt: value as number } } };
    if (value === null) return nullsFirst ? { waveId: { not: null } } : null;
    return nullsFirst ? beyond : { OR: [beyond, { waveId: null }] };
  },
  orderBy: (dir) => ({ wave: { position: dir } }),
};

/** The list's order (lib/data/servers.ts SORT_COLUMNS) plus the FQDN, which makes every key unique. */
function sortKey(sort: ServerFilters["sort"], dir: Dir): [KeyPart, Dir][] {
  const then: [KeyPart, Dir][] = [
    [column("name"), "asc"],
    [column("fqdn"), "asc"],
  ];
  switch (sort) {
    case "name":
      return [
        [column("name"), dir],
        [column("fqdn"), dir],
      ];
    case "verdict":
      return [[column("verdictRank"), dir], ...then];
    case "domain":
      return [[column("domain"), dir], ...then];
    case "os":
      return [[column("osName"), dir], ...then];
    case "collected":
      return [[column("factsCollectedAt"), dir], ...then];
    case "confidence":
      return [[column("confidenceStars"), dir], ...then];
    case "wave":
      return [[wavePosition, dir], ...then];
    case "rollout":
      return [[column("rolloutStatus"), dir], ...then];
    case "target":
      return [[column("rolloutTargetDate"), dir], ...then];
  }
}

/** (k1 > v1) OR (k1 = v1 AND k2 > v2) OR … — the rows after `last` in key order. */
export function afterWhere(key: [KeyPart, Dir][], last: ExportRow): Where {
  const or: Where[] = [];
  key.forEach(([part, dir], index) => {
    const after = part.after(part.value(last), dir);
    if (!after) return;
    const equal = key.slice(0, index).map(([prior]) => prior.equals(prior.value(last)));
    or.push(equal.length ? { AND: [...equal, after] } : after);
  });
  if (!or.length) return { fqdn: { in: [] } };
  const [first, firstDir] = key[0]!;
  const from = first.from?.(first.value(last), firstDir);
  return from ? { AND: [from, { OR: or }] } : { OR: or };
}

export function toExportServer(row: ExportRow, staleDate: Date, today: string): ExportServer {
  return { ...toListItem(row, staleDate, today), unknownRuleIds: undelimitRuleIds(row.unknownRules) };
}

/** Every server matching the filters, in the list's order, in batches (pagination and page size are ignored). */
export async function* iterateExportServers(filters: ServerFilters, batch = 1_000, now = new Date()): AsyncGenerator<{ id: string; server: ExportServer }[]> {
  const where = serverWhere(filters, now);
  const key = sortKey(filters.sort, filters.dir);
  const orderBy = key.map(([part, dir]) => part.orderBy(dir));
  const staleDate = staleBefore(now);
  const today = isoDay(now);
  let last: ExportRow | undefined;
  for (;;) {
    const rows: ExportRow[] = await db().server.findMany({
      where: last ? { AND: [where, afterWhere(key, last)] } : where,
      select: EXPORT_SELECT,
      orderBy,
      take: batch,
    });
    if (rows.length) yield rows.map((row) => ({ id: row.id, server: toExportServer(row, staleDate, today) }));
    if (rows.length < batch) return;
    last = rows.at(-1);
  }
}

/** The same batches without the ids (the servers table of the CSV and the workbook). */
export async function* exportServerBatches(filters: ServerFilters, batch = 1_000, now = new Date()): AsyncGenerator<ExportServer[]> {
  for await (const rows of iterateExportServers(filters, batch, now)) yield rows.map((entry) => entry.server);
}

/** How many servers match (for the size limits, checked before streaming). */
export function countExportServers(filters: ServerFilters, now = new Date()): Promise<number> {
  return db().server.count({ where: serverWhere(filters, now) });
}
