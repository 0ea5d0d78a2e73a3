-- Edited by hand (decision 029): the failing-rule filter's array is built from the new, short "failingRules" (the
-- codes of the failing rules, ≈ 4 a server) instead of every entry of "statuses" (≈ 45 a server): the GIN index and
-- the stored array are written for each new server, and they were a third of PostgreSQL's work on a Server row.
-- Server.failingList is @default(dbgenerated()) in the schema, which Prisma never migrates or writes.
DROP INDEX "Server_statusList_idx";
ALTER TABLE "Server" DROP COLUMN "statusList";

ALTER TABLE "Server" ADD COLUMN "failingRules" TEXT NOT NULL DEFAULT '';

-- Existing servers: the codes of their "code:f" entries, in the order of "statuses" (what failingRulesOf writes).
UPDATE "Server" SET "failingRules" = COALESCE((
    SELECT ',' || string_agg(left(u.e, -2), ',' ORDER BY u.n) || ','
    FROM unnest(string_to_array("statuses", ',')) WITH ORDINALITY AS u(e, n)
    WHERE u.e LIKE '%:f'
  ), '')
WHERE "statuses" LIKE '%:f%';

-- ",0y,15," -> {0y,15}, and an empty list -> {}. btrim and string_to_array are immutable.
ALTER TABLE "Server" ADD COLUMN "failingList" TEXT[] GENERATED ALWAYS AS (string_to_array(btrim("failingRules", ','), ',')) STORED;

-- CreateIndex
CREATE INDEX "Server_failingList_idx" ON "Server" USING GIN ("failingList");
