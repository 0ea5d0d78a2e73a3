import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AUDIT_COLUMNS, type AuditRow } from "../audit-row";

// RAW SQL (PostgreSQL): the audit log's bulk insert (lib/data/audit.ts). Append only. Multi-row INSERTs of 400
// entries (13 × 400 parameters, far below PostgreSQL's 65,535), timestamps passed as Date.

const ROWS_PER_STATEMENT = 400;
const COLUMNS = AUDIT_COLUMNS.map((column) => `"${column}"`).join(", ");

export async function insertRows(tx: Prisma.TransactionClient, rows: readonly AuditRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const batch = rows.slice(i, i + ROWS_PER_STATEMENT);
    const params: (string | Date | null)[] = [];
    const tuples: string[] = [];
    for (const row of batch) {
      const start = params.length;
      for (const column of AUDIT_COLUMNS) params.push(row[column]);
      tuples.push(`(${AUDIT_COLUMNS.map((_, k) => `$${start + k + 1}`).join(", ")})`);
    }
    await tx.$executeRawUnsafe(`INSERT INTO "AuditEntry" (${COLUMNS}) VALUES ${tuples.join(", ")}`, ...params);
  }
}
