import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { AuditActor } from "@/lib/audit/entry";
import { signIn } from "@/lib/auth/sign-in";
import { createApiToken, revokeApiToken } from "./api-tokens";
import { recordAttestation } from "./attestations";
import { appendAudit } from "./audit";
import { databaseKind } from "./database-kind";
import { db } from "./db";
import { deleteUpload } from "./ingest/delete-upload";
import { ingestFile } from "./ingest/ingest-file";
import { insertionOrder, perDatabase, sqlAll, sqlExec, sqlGet, sqlRun } from "./test-sql";
import { createUser, getUser, getUserCredentials, saveUserDisabled, saveUserPassword, saveUserRole } from "./users";

// Real database per file, SQLite or PostgreSQL (test/setup-db.ts); nothing mocked.
const admin: AuditActor = { kind: "user", id: "u-admin", name: "admin@example.com" };

type Row = { id: string; actorKind: string; actorId: string | null; actor: string; action: string; targetType: string; targetId: string | null; targetLabel: string | null; beforeJson: string | null; afterJson: string | null; summary: string; ip: string | null };

/** In the order written (AuditEntry is append-only, so PostgreSQL's ctid follows the inserts as SQLite's rowid does). */
function entries(action: string): Promise<Row[]> {
  return sqlAll<Row>(`SELECT * FROM "AuditEntry" WHERE "action" = ? ORDER BY "at", ${insertionOrder()}`, action);
}
function countEntries(): Promise<number> {
  return db().auditEntry.count();
}

const CSV = "Host Name,Operating System,OS Version,RAM (GB),.NET Release,Domain,Site,Tags\nSYNC01,Microsoft Windows Server 2022 Datacenter,10.0.20348.2402,16,528449,corp.contoso.com,AMS,\n";

/**
 * Makes every audit write fail AFTER the entry is inserted (a trigger on the insert). If the change and its entry
 * were separate transactions, the change would survive; in one transaction, neither does.
 */
async function failAuditWrites() {
  await sqlExec(
    perDatabase({
      sqlite: `CREATE TRIGGER IF NOT EXISTS test_audit_fails AFTER INSERT ON "AuditEntry" BEGIN SELECT RAISE(ABORT, 'audit write failed (test)'); END;`,
      postgres: `CREATE OR REPLACE FUNCTION test_audit_fails() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit write failed (test)'; END; $$;
        CREATE OR REPLACE TRIGGER test_audit_fails AFTER INSERT ON "AuditEntry" FOR EACH ROW EXECUTE FUNCTION test_audit_fails();`,
    }),
  );
}
afterEach(async () => {
  await sqlExec(perDatabase({ sqlite: "DROP TRIGGER IF EXISTS test_audit_fails", postgres: `DROP TRIGGER IF EXISTS test_audit_fails ON "AuditEntry"` }));
});

describe("audit entries are written with the change", () => {
  it("user create, role change, disable/enable and password reset (never a password or hash)", async () => {
    const user = await createUser({ email: "Pat@Example.com", name: "Pat", role: "viewer", password: "a long enough password" }, admin);
    await saveUserRole(user.id, "lead", admin);
    await saveUserRole(user.id, "lead", admin); // unchanged: no entry
    await saveUserDisabled(user.id, true, admin);
    await saveUserDisabled(user.id, false, admin);
    await saveUserPassword(user.id, "another long password", admin);

    expect(await entries("user.create")).toEqual([
      expect.objectContaining({ actorKind: "user", actorId: "u-admin", actor: "admin@example.com", targetType: "user", targetId: user.id, targetLabel: "pat@example.com" }),
    ]);
    const [role] = await entries("user.role");
    expect(await entries("user.role")).toHaveLength(1);
    expect(JSON.parse(role!.beforeJson!)).toEqual({ role: "viewer" });
    expect(JSON.parse(role!.afterJson!)).toEqual({ role: "lead" });
    expect(await entries("user.disable")).toHaveLength(1);
    expect(await entries("user.enable")).toHaveLength(1);
    expect(await entries("user.password-reset")).toHaveLength(1);

    const hash = (await getUserCredentials("pat@example.com"))!.passwordHash;
    const all = JSON.stringify(await sqlAll(`SELECT * FROM "AuditEntry" WHERE "targetType" = 'user'`));
    expect(all).not.toContain(hash);
    expect(all).not.toContain("$argon2");
    expect(all).not.toContain("long enough password");
    expect(all).not.toContain("another long password");
  });

  it("token create and revoke (never the token or its hash)", async () => {
    const { token, id } = await createApiToken({ name: "pipeline", role: "lead" }, admin);
    expect(await revokeApiToken(id, admin)).toBe(true);
    expect(await revokeApiToken(id, admin)).toBe(false); // already revoked: no entry

    expect(await entries("token.create")).toEqual([expect.objectContaining({ targetId: id, targetLabel: "pipeline", actor: "admin@example.com" })]);
    expect(await entries("token.revoke")).toHaveLength(1);
    const hash = (await db().apiToken.findUnique({ where: { id } }))!.tokenHash;
    const all = JSON.stringify(await sqlAll(`SELECT * FROM "AuditEntry" WHERE "targetType" = 'token'`));
    expect(all).not.toContain(token);
    expect(all).not.toContain(hash);
  });

  it("attestations, with the previous answer as before", async () => {
    const lead: AuditActor = { kind: "user", id: "u-lead", name: "lead@example.com" };
    await recordAttestation({ key: "idfix-run", attested: false, by: "lead@example.com", actor: lead }, new Date("2026-11-01T10:00:00Z"));
    await recordAttestation({ key: "idfix-run", attested: true, by: "lead@example.com", note: "IdFix clean", actor: lead }, new Date("2026-11-02T10:00:00Z"));
    const [first, second] = await entries("attestation.record");
    expect(first).toMatchObject({ actorId: "u-lead", targetType: "attestation", targetId: "idfix-run", beforeJson: "null" });
    expect(JSON.parse(second!.beforeJson!)).toMatchObject({ attested: false, by: "lead@example.com" });
    expect(JSON.parse(second!.afterJson!)).toEqual({ attested: true, note: "IdFix clean" });
  });

  it("uploads: one entry per commit (none for a duplicate) and one per deletion with the file and counts", async () => {
    const bytes = new TextEncoder().encode(CSV);
    const tokenActor: AuditActor = { kind: "token", id: "t-9", name: "token:ci" };
    const first = await ingestFile({ bytes, fileName: "fleet.csv", options: {}, uploadedBy: { name: "token:ci" }, actor: tokenActor });
    const again = await ingestFile({ bytes, fileName: "fleet-again.csv", options: {}, uploadedBy: { name: "token:ci" }, actor: tokenActor });
    if (!first.ok || !again.ok) throw new Error("ingest failed");
    expect(again.status).toBe("duplicate");
    const commits = await entries("upload.commit");
    expect(commits).toEqual([expect.objectContaining({ actorKind: "token", actorId: "t-9", actor: "token:ci", targetId: first.id, targetLabel: "fleet.csv" })]);
    expect(JSON.parse(commits[0]!.afterJson!)).toMatchObject({ fileName: "fleet.csv", records: 1, accepted: 1, serversAffected: 1 });

    expect(await deleteUpload(first.id!, admin)).toBe(true);
    expect(await deleteUpload(first.id!, admin)).toBe(false);
    const deletions = await entries("upload.delete");
    expect(deletions).toEqual([expect.objectContaining({ actor: "admin@example.com", targetId: first.id, targetLabel: "fleet.csv" })]);
    expect(JSON.parse(deletions[0]!.beforeJson!)).toMatchObject({ fileName: "fleet.csv", records: 1, serversAffected: 1 });
    expect(JSON.parse(deletions[0]!.afterJson!)).toMatchObject({ serversRemoved: 1 });
  });

  it("the uploader is the default actor of a commit", async () => {
    const response = await ingestFile({ bytes: new TextEncoder().encode(CSV.replace("SYNC01", "SYNC02")), fileName: "b.csv", options: {}, uploadedBy: { name: "lead@example.com", userId: "u-lead" } });
    if (!response.ok) throw new Error(response.message);
    expect((await entries("upload.commit")).at(-1)).toMatchObject({ actorKind: "user", actorId: "u-lead", actor: "lead@example.com" });
  });

  it("failed and rate-limited sign-ins, with the attempted email (lower-cased) and the address", async () => {
    await createUser({ email: "victim@example.com", name: "Victim", role: "viewer", password: "the right password" }, admin);
    for (let i = 0; i < 5; i++) expect((await signIn(" Victim@Example.com ", `wrong password ${i}`, "10.7.0.1")).ok).toBe(false);
    // The same client is throttled (decision 015: a client without failures for the account would still get in).
    expect(await signIn("victim@example.com", "the right password", "10.7.0.1")).toMatchObject({ ok: false, reason: "rate-limited" });
    const failed = await entries("auth.sign-in-failed");
    expect(failed).toHaveLength(6);
    expect(failed[0]).toMatchObject({ actorKind: "anonymous", actorId: null, actor: "victim@example.com", targetType: "session", ip: "10.7.0.1" });
    expect(JSON.parse(failed[0]!.afterJson!)).toEqual({ reason: "invalid" });
    expect(JSON.parse(failed[5]!.afterJson!)).toEqual({ reason: "rate-limited" });
    expect(JSON.stringify(failed)).not.toContain("wrong password");
    expect(JSON.stringify(failed)).not.toContain("the right password");
  });
});

describe("an entry and its change share one transaction", () => {
  it("appendAudit: a rolled-back Prisma transaction leaves no entry", async () => {
    const before = await countEntries();
    await expect(
      db().$transaction(async (tx) => {
        await appendAudit(tx, { actor: admin, action: "user.role", targetType: "user", targetId: "nobody", summary: "rolled back" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await countEntries()).toBe(before);
  });

  it("user changes: when the audit write fails, the change is not stored either", async () => {
    const user = await createUser({ email: "rollback@example.com", name: "Rollback", role: "viewer", password: "a long enough password" }, admin);
    const before = await countEntries();
    await failAuditWrites();
    await expect(saveUserRole(user.id, "admin", admin)).rejects.toThrow();
    await expect(saveUserDisabled(user.id, true, admin)).rejects.toThrow();
    await expect(createUser({ email: "never@example.com", name: "Never", role: "viewer", password: "a long enough password" }, admin)).rejects.toThrow();
    expect(await getUser(user.id)).toMatchObject({ role: "viewer", disabled: false });
    expect(await getUserCredentials("never@example.com")).toBeNull();
    expect(await countEntries()).toBe(before);
  });

  it("tokens: a failed audit write leaves no token", async () => {
    const tokens = await db().apiToken.count();
    await failAuditWrites();
    await expect(createApiToken({ name: "ghost", role: "viewer" }, admin)).rejects.toThrow();
    expect(await db().apiToken.count()).toBe(tokens);
  });

  it("attestations and uploads (raw SQL transactions): nothing is stored when the audit write fails", async () => {
    const attestations = await db().attestation.count();
    const uploads = await db().upload.count();
    const before = await countEntries();
    await failAuditWrites();
    await expect(recordAttestation({ key: "idfix-run", attested: true, by: "x@example.com" })).rejects.toThrow(/audit write failed/);
    await expect(ingestFile({ bytes: new TextEncoder().encode(CSV.replace("SYNC01", "SYNC77")), fileName: "c.csv", options: {}, uploadedBy: { name: "x@example.com" } })).rejects.toThrow(/audit write failed/);
    expect(await db().attestation.count()).toBe(attestations);
    expect(await db().upload.count()).toBe(uploads);
    expect(await db().server.findUnique({ where: { fqdn: "sync77.corp.contoso.com" } })).toBeNull();
    expect(await countEntries()).toBe(before);
  });

  it("upload deletion: the upload stays when the audit write fails", async () => {
    const response = await ingestFile({ bytes: new TextEncoder().encode(CSV.replace("SYNC01", "SYNC88")), fileName: "d.csv", options: {}, uploadedBy: { name: "x@example.com" } });
    if (!response.ok) throw new Error(response.message);
    await failAuditWrites();
    await expect(deleteUpload(response.id!, admin)).rejects.toThrow(/audit write failed/);
    expect(await db().upload.findUnique({ where: { id: response.id! }, select: { id: true } })).toEqual({ id: response.id });
  });

  it("failed sign-ins: no entry when the audit write fails, but the attempt stays counted (throttling never depends on the audit)", async () => {
    const attempts = await db().loginAttempt.count();
    const before = await countEntries();
    await failAuditWrites();
    await expect(signIn("someone@example.com", "some wrong password", "10.8.0.1")).rejects.toThrow();
    expect(await db().loginAttempt.count()).toBe(attempts + 1);
    expect(await countEntries()).toBe(before);
  });
});

describe("the audit log is append-only", () => {
  it("the database refuses UPDATE and DELETE on AuditEntry (raw SQL and Prisma)", async () => {
    await db().$transaction(async (tx) => appendAudit(tx, { actor: admin, action: "user.role", targetType: "user", targetId: "x", summary: "original" }));
    const row = (await sqlGet<{ id: string }>(`SELECT "id" FROM "AuditEntry" WHERE "summary" = 'original'`))!;
    await expect(sqlRun(`UPDATE "AuditEntry" SET "summary" = 'changed' WHERE "id" = ?`, row.id)).rejects.toThrow(/append-only/);
    await expect(sqlRun(`DELETE FROM "AuditEntry" WHERE "id" = ?`, row.id)).rejects.toThrow(/append-only/);
    await expect(sqlRun(`DELETE FROM "AuditEntry"`)).rejects.toThrow(/append-only/);
    // PostgreSQL's TRUNCATE skips row triggers; a statement trigger refuses it too (SQLite has no TRUNCATE).
    if (databaseKind() === "postgres") await expect(sqlRun(`TRUNCATE "AuditEntry"`)).rejects.toThrow(/append-only/);
    await expect(db().auditEntry.updateMany({ where: { id: row.id }, data: { summary: "changed" } })).rejects.toThrow();
    await expect(db().auditEntry.deleteMany({ where: { id: row.id } })).rejects.toThrow();
    expect(await sqlGet(`SELECT "summary" FROM "AuditEntry" WHERE "id" = ?`, row.id)).toEqual({ summary: "original" });
  });

  // Source patterns that would edit or delete entries. Case-insensitive; the table name may be quoted.
  const FORBIDDEN = [
    /auditEntry\s*\??\.\s*(update|delete|upsert)/i,
    /\bUPDATE\s+(OR\s+\w+\s+)?["'`[]?AuditEntry\b/i,
    /\bDELETE\s+FROM\s+["'`[]?AuditEntry\b/i,
    /\b(INSERT\s+OR\s+)?REPLACE\s+INTO\s+["'`[]?AuditEntry\b/i,
  ];

  it("the patterns catch what they must", () => {
    for (const sample of ["db().auditEntry.update({", "tx.auditEntry.deleteMany(", "auditEntry.upsert(", 'UPDATE "AuditEntry" SET', "delete from `AuditEntry`", "DELETE FROM [AuditEntry]", "update AuditEntry set", "REPLACE INTO AuditEntry"]) {
      expect(FORBIDDEN.some((pattern) => pattern.test(sample)), sample).toBe(true);
    }
    expect(FORBIDDEN.some((pattern) => pattern.test("tx.auditEntry.createMany({"))).toBe(false);
  });

  it("no code in app/, components/, lib/ or scripts/ edits or deletes entries", () => {
    const root = path.resolve(__dirname, "../..");
    const offenders: string[] = [];
    let scanned = 0;
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        const relative = path.relative(root, full).split(path.sep).join("/");
        if (entry.isDirectory()) {
          if (entry.name === "node_modules" || relative === "lib/generated") continue;
          walk(full);
        } else if (/\.(ts|tsx|js|mjs|cjs|sql)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
          scanned++;
          const text = readFileSync(full, "utf8");
          for (const pattern of FORBIDDEN) if (pattern.test(text)) offenders.push(`${relative}: ${pattern}`);
        }
      }
    };
    for (const dir of ["app", "components", "lib", "scripts"]) walk(path.join(root, dir));
    expect(scanned).toBeGreaterThan(100);
    expect(offenders).toEqual([]);
  });
});
