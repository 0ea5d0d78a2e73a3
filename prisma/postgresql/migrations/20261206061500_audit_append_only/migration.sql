-- AuditEntry is append-only in the database, as on SQLite (prisma/migrations/20261204172024_rollout: triggers that
-- abort an UPDATE or DELETE): no code path edits or deletes entries (lib/data/audit.test.ts checks the sources), and
-- the database refuses it too, row by row for UPDATE and DELETE, and TRUNCATE as a whole. PostgreSQL's first
-- migration had left this out (lib/data/audit.test.ts "the database refuses UPDATE and DELETE on AuditEntry" failed).
-- The function body holds its semicolons as \x3B escapes: Prisma's schema engine (prisma migrate deploy, the drift
-- check) splits a script at every semicolon, even inside $$…$$ or a quoted string.
CREATE FUNCTION "AuditEntry_append_only"() RETURNS trigger LANGUAGE plpgsql AS
E'BEGIN RAISE EXCEPTION ''AuditEntry is append-only''\x3B END\x3B';

CREATE TRIGGER "AuditEntry_no_update" BEFORE UPDATE ON "AuditEntry" FOR EACH ROW EXECUTE FUNCTION "AuditEntry_append_only"();
CREATE TRIGGER "AuditEntry_no_delete" BEFORE DELETE ON "AuditEntry" FOR EACH ROW EXECUTE FUNCTION "AuditEntry_append_only"();
CREATE TRIGGER "AuditEntry_no_truncate" BEFORE TRUNCATE ON "AuditEntry" FOR EACH STATEMENT EXECUTE FUNCTION "AuditEntry_append_only"();
