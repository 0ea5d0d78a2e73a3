import "server-only";
import { randomUUID } from "node:crypto";
import { decideSignIn, type FailureCount, type ThrottleConfig } from "@/lib/auth/throttle";
import type { Prisma } from "@/lib/generated/prisma/client";
import { toAuditRow } from "../audit-row";
import { db } from "../db";
import { failureFilters, signInFailedEntry, throttleFacts, type FailureFilter, type Reservation, type SignInClient } from "../sign-in-attempt";
import { boundedDelete } from "./auth-tables";
import { insertRows } from "./audit";

// RAW SQL (PostgreSQL): sign-in throttling (decision 015) across instances. The check and the record of an attempt are
// one transaction that first takes two transaction-scoped advisory locks — the account's, then the address's (always
// in that order, so two attempts never wait on each other in a cycle) — so concurrent attempts on one account or from
// one address, on any instance, are judged one after the other, as SQLite's single writer does. Other accounts and
// addresses are not held up.

const ACCOUNT_LOCK = 1_507_001;
const ADDRESS_LOCK = 1_507_002;

async function failures(tx: Prisma.TransactionClient, filter: FailureFilter, since: Date): Promise<FailureCount> {
  const where = ['"success" = false', '"createdAt" >= $1'];
  const params: (string | Date)[] = [since];
  const add = (condition: string, value: string) => {
    params.push(value);
    where.push(`${condition} = $${params.length}`);
  };
  if (filter.key !== undefined) add('"key"', filter.key);
  if (filter.ip !== undefined) add('"ip"', filter.ip);
  if (filter.device === null) where.push('"device" IS NULL');
  else add('"device"', filter.device);
  const [row] = await tx.$queryRawUnsafe<{ count: number; last: number | null }[]>(
    `SELECT COUNT(*)::int AS count, (EXTRACT(EPOCH FROM MAX("createdAt")) * 1000)::float8 AS last FROM "LoginAttempt" WHERE ${where.join(" AND ")}`,
    ...params,
  );
  return { count: Number(row.count), last: row.last === null ? null : Math.round(Number(row.last)) };
}

async function isKnownDevice(tx: Prisma.TransactionClient, key: string, deviceHash: string | null, now: Date): Promise<boolean> {
  if (!deviceHash) return false;
  const rows = await tx.$queryRawUnsafe<unknown[]>(
    'SELECT 1 FROM "SignInDevice" d JOIN "User" u ON u."id" = d."userId" WHERE d."id" = $1 AND u."email" = $2 AND d."expiresAt" > $3',
    deviceHash,
    key,
    now,
  );
  return rows.length > 0;
}

export async function reserve(client: SignInClient, config: ThrottleConfig, now: Date): Promise<Reservation> {
  return db().$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock($1::int, hashtext($2))", ACCOUNT_LOCK, client.key);
      await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock($1::int, hashtext($2))", ADDRESS_LOCK, client.ip);
      const knownDevice = await isKnownDevice(tx, client.key, client.deviceHash, now);
      const since = new Date(now.getTime() - config.windowMs);
      const counts: Record<string, FailureCount> = {};
      for (const [name, filter] of Object.entries(failureFilters(client, knownDevice))) {
        if (filter !== null) counts[name] = await failures(tx, filter, since);
      }
      const decision = decideSignIn(throttleFacts(knownDevice, counts), config, now.getTime());
      if (!decision.allowed) {
        await insertRows(tx, [toAuditRow(signInFailedEntry(client, "rate-limited"), now)]);
        return { ...decision, knownDevice };
      }
      const attemptId = randomUUID();
      await tx.$executeRawUnsafe(
        'INSERT INTO "LoginAttempt" ("id", "key", "ip", "device", "success", "createdAt") VALUES ($1, $2, $3, $4, false, $5)',
        attemptId,
        client.key,
        client.ip,
        knownDevice ? client.deviceHash : null,
        now,
      );
      return { allowed: true as const, attemptId, knownDevice };
    },
    { timeout: 15_000, maxWait: 15_000 },
  );
}

export async function finish(attemptId: string, client: SignInClient & { knownDevice: boolean }, success: boolean, now: Date): Promise<void> {
  if (!success) {
    await insertRows(db(), [toAuditRow(signInFailedEntry(client, "invalid"), now)]);
    return;
  }
  await db().$transaction(async (tx) => {
    await tx.$executeRawUnsafe('UPDATE "LoginAttempt" SET "success" = true WHERE "id" = $1', attemptId);
    if (client.knownDevice) {
      await tx.$executeRawUnsafe('DELETE FROM "LoginAttempt" WHERE "key" = $1 AND "success" = false AND "device" = $2', client.key, client.deviceHash);
    } else {
      await tx.$executeRawUnsafe('DELETE FROM "LoginAttempt" WHERE "key" = $1 AND "success" = false AND "device" IS NULL AND "ip" = $2', client.key, client.ip);
    }
  });
}

export function deleteBefore(before: Date, limit: number): Promise<number> {
  return boundedDelete("LoginAttempt", "createdAt", before, limit);
}
