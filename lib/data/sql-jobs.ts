import "server-only";
import type { AuditRow } from "./audit-row";
import { databaseKind } from "./database-kind";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ThrottleConfig } from "@/lib/auth/throttle";
import type { Reservation, SignInClient } from "./sign-in-attempt";
import type { WaveGateDetail } from "./rollout/gate-inputs";
import type { ServerPatch } from "./rollout/write-patches";
import * as postgresActionPlan from "./postgres/action-plan";
import * as postgresAudit from "./postgres/audit";
import * as postgresChanges from "./postgres/changes";
import * as postgresAuthTables from "./postgres/auth-tables";
import * as postgresGates from "./postgres/gates";
import * as postgresRolloutPatches from "./postgres/rollout-patches";
import * as postgresThrottling from "./postgres/throttling";
import * as postgresUploadChanges from "./postgres/upload-changes";
import * as sqliteActionPlan from "./sqlite/action-plan";
import * as sqliteAudit from "./sqlite/audit";
import * as sqliteChanges from "./sqlite/changes";
import * as sqliteAuthTables from "./sqlite/auth-tables";
import * as sqliteGates from "./sqlite/gates";
import * as sqliteRolloutPatches from "./sqlite/rollout-patches";
import * as sqliteThrottling from "./sqlite/throttling";
import * as sqliteUploadChanges from "./sqlite/upload-changes";

// The hand-written SQL of lib/data, one interface per job, with an implementation per database
// (lib/data/sqlite/<job>.ts, lib/data/postgres/<job>.ts; docs/decisions/020-postgresql-runtime.md). lib/data modules
// call these through `sqlJobs()`; nothing outside lib/data knows which database is in use.

/** The audit log's bulk insert inside a Prisma transaction (append only: no update or delete anywhere). */
export interface AuditJob {
  insertRows(tx: Prisma.TransactionClient, rows: readonly AuditRow[]): Promise<void>;
}

/** Sessions, API tokens and known sign-in devices: best-effort touches and bounded clean-up deletes. */
export interface AuthTablesJob {
  /**
   * A session's sliding expiry. Best effort: false when it was skipped (SQLite: the write lock is held by an upload
   * commit; a later request extends it).
   */
  extendSession(id: string, lastSeenAt: Date, expiresAt: Date): Promise<boolean>;
  /** An API token's last-used time, best effort like extendSession. */
  touchApiToken(id: string, now: Date): Promise<boolean>;
  /** Deletes at most `limit` sessions past their expiry (by the expiresAt index); returns how many. */
  deleteExpiredSessions(limit: number, now: Date): Promise<number>;
  /** Keeps a browser's device when known for this user (its expiry moves to `expiresAt`), else registers `newId`. */
  rememberDevice(input: { userId: string; presentedId: string | null; newId: string; now: Date; expiresAt: Date }): Promise<"kept" | "created">;
  /** Deletes at most `limit` devices past their expiry; returns how many. */
  deleteExpiredDevices(limit: number, now: Date): Promise<number>;
}

/** Sign-in throttling (decision 015): the check and the record of an attempt are atomic across instances. */
export interface ThrottlingJob {
  reserve(client: SignInClient, config: ThrottleConfig, now: Date): Promise<Reservation>;
  finish(attemptId: string, client: SignInClient & { knownDevice: boolean }, success: boolean, now: Date): Promise<void>;
  deleteBefore(before: Date, limit: number): Promise<number>;
}

/** Wave gates (lib/data/rollout/gates.ts; the refresh is portable SQL there): read one wave's full gate consistently. */
export interface GatesJob {
  detail(waveId: string, limit: number): Promise<WaveGateDetail | null>;
}

/** Many servers' rollout changes in a few statements inside the caller's Prisma transaction (lib/data/rollout/write-patches.ts). */
export interface RolloutPatchesJob {
  write(tx: Prisma.TransactionClient, updates: readonly { id: string; data: ServerPatch }[], actorName: string, now: Date): Promise<void>;
}

export interface PlanServerRow {
  id: string;
  domain: string;
  site: string | null;
  blockingRules: string;
  conditionRules: string;
  unknownBlockers: string;
}

/** The action plan's reads (lib/data/action-plan.ts): the roll-up lists of every server (or one domain's), and a version that changes with every evaluation. */
export interface ActionPlanJob {
  readServers(domain: string | null): Promise<PlanServerRow[]>;
  evaluationVersion(): Promise<string>;
}

/** A server whose verdict changed inside a window (lib/data/changes.ts); `changedAt` is ISO text. */
export interface ChangedServerRow {
  serverId: string;
  fqdn: string;
  name: string;
  domain: string;
  beforeVerdict: string | null;
  beforeStatuses: string | null;
  afterVerdict: string;
  afterStatuses: string;
  changedAt: string | null;
  cause: string | null;
  note: string | null;
}

/** "What changed" (lib/data/changes.ts): the servers whose verdict at `to` differs from the one at `from`. */
export interface ChangesJob {
  changedServers(from: Date, to: Date): Promise<ChangedServerRow[]>;
}

/** An upload's instant: as shown (ISO-like text) and as the database compares it. */
export type UploadInstant = { text: string; value: string | Date };
export type TransitionCount = { before: string | null; after: string; n: number };
export type UploadChangeRow = { fqdn: string; name: string; domain: string; before: string | null; after: string; beforeStatuses: string | null; afterStatuses: string };

/** What one upload changed (lib/data/upload-changes.ts): counts per verdict transition, then one page of changed servers. */
export interface UploadChangesJob {
  uploadInstant(uploadId: string): Promise<UploadInstant | null>;
  transitionCounts(at: UploadInstant, cause: string): Promise<TransitionCount[]>;
  changedRows(at: UploadInstant, cause: string, limit: number, offset: number): Promise<UploadChangeRow[]>;
}

export interface SqlJobs {
  uploadChanges: UploadChangesJob;
  changes: ChangesJob;
  actionPlan: ActionPlanJob;
  audit: AuditJob;
  authTables: AuthTablesJob;
  throttling: ThrottlingJob;
  gates: GatesJob;
  rolloutPatches: RolloutPatchesJob;
}

const SQLITE: SqlJobs = {
  uploadChanges: sqliteUploadChanges,
  changes: sqliteChanges,
  actionPlan: sqliteActionPlan,
  audit: sqliteAudit,
  authTables: sqliteAuthTables,
  throttling: sqliteThrottling,
  gates: { detail: sqliteGates.getWaveGate },
  rolloutPatches: { write: sqliteRolloutPatches.writePatches },
};
const POSTGRES: SqlJobs = {
  uploadChanges: postgresUploadChanges,
  changes: postgresChanges,
  actionPlan: postgresActionPlan,
  audit: postgresAudit,
  authTables: postgresAuthTables,
  throttling: postgresThrottling,
  gates: { detail: postgresGates.getWaveGate },
  rolloutPatches: { write: postgresRolloutPatches.writePatches },
};

/** The implementations for the database of DATABASE_URL. */
export function sqlJobs(): SqlJobs {
  return databaseKind() === "postgres" ? POSTGRES : SQLITE;
}
