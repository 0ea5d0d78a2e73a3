-- Edited by hand (decision 029): the column, then the codes of every stored server's "code:w" entries, in the order of
-- "statuses" (what waivedRulesOf writes), then the wave index that now covers it.
ALTER TABLE "Server" ADD COLUMN     "waivedRules" TEXT NOT NULL DEFAULT '';

UPDATE "Server" SET "waivedRules" = COALESCE((
    SELECT ',' || string_agg(left(u.e, -2), ',' ORDER BY u.n) || ','
    FROM unnest(string_to_array("statuses", ',')) WITH ORDINALITY AS u(e, n)
    WHERE u.e LIKE '%:w'
  ), '')
WHERE "statuses" LIKE '%:w%';

-- DropIndex
DROP INDEX "Server_waveId_rolloutStatus_verdict_idx";

-- CreateIndex
CREATE INDEX "Server_waveId_rolloutStatus_verdict_waivedRules_idx" ON "Server"("waveId", "rolloutStatus", "verdict", "waivedRules") WHERE ("waveId" IS NOT NULL);
