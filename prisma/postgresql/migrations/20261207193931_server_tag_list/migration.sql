-- Edited by hand (decision 030): the tag filter reads an array of each server's tags, computed by the database from
-- Server.tags (",pilot,web,": lower-case, comma-delimited at both ends) and GIN-indexed, instead of the ServerTag join
-- table, whose rows cost each new server two index entries and a foreign-key check (a fifth of PostgreSQL's work on an
-- upload of new servers). Server.tagList is @default(dbgenerated()) in the schema, which Prisma never migrates or writes.
-- ",pilot,web," -> {pilot,web}, and an empty list -> {}. btrim and string_to_array are immutable.
ALTER TABLE "Server" ADD COLUMN "tagList" TEXT[] GENERATED ALWAYS AS (string_to_array(btrim("tags", ','), ',')) STORED;

-- CreateIndex
CREATE INDEX "Server_tagList_idx" ON "Server" USING GIN ("tagList");

-- ServerTag is SQLite's index of the same tags: PostgreSQL no longer keeps it (the app neither writes nor reads it there).
DELETE FROM "ServerTag";
