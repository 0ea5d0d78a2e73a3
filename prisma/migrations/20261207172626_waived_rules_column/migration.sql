-- Edited by hand (decision 029), as …_failing_rules_column: the column is added in place (the model's last), then
-- derived for stored servers, then the wave index that now covers it is rebuilt.
ALTER TABLE "Server" ADD COLUMN "waivedRules" TEXT NOT NULL DEFAULT '';

-- Existing servers: the codes of their "code:w" entries, in the order of "statuses" (what waivedRulesOf writes).
UPDATE "Server" SET "waivedRules" = COALESCE((
    SELECT ',' || group_concat(substr(e.value, 1, length(e.value) - 2), ',' ORDER BY e.key) || ','
    FROM json_each('["' || replace("statuses", ',', '","') || '"]') AS e
    WHERE e.value LIKE '%:w'
  ), '')
WHERE "statuses" LIKE '%:w%';

-- DropIndex
DROP INDEX "Server_waveId_rolloutStatus_verdict_idx";

-- CreateIndex
CREATE INDEX "Server_waveId_rolloutStatus_verdict_waivedRules_idx" ON "Server"("waveId", "rolloutStatus", "verdict", "waivedRules") WHERE "waveId" IS NOT NULL;
