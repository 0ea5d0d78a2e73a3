-- DropIndex
DROP INDEX "Server_rolloutOwner_idx";

-- DropIndex
DROP INDEX "Server_waveId_domain_rolloutStatus_agentInstalled_idx";

-- DropIndex
DROP INDEX "Server_waveId_rolloutStatus_verdict_idx";

-- DropIndex
DROP INDEX "Server_waveId_rolloutTargetDate_rolloutStatus_idx";

-- DropIndex
DROP INDEX "Server_waveId_verdictRank_name_idx";

-- CreateIndex
CREATE INDEX "Server_waveId_rolloutStatus_verdict_idx" ON "Server"("waveId", "rolloutStatus", "verdict") WHERE ("waveId" IS NOT NULL);

-- CreateIndex
CREATE INDEX "Server_waveId_domain_rolloutStatus_agentInstalled_idx" ON "Server"("waveId", "domain", "rolloutStatus", "agentInstalled") WHERE ("waveId" IS NOT NULL);

-- CreateIndex
CREATE INDEX "Server_waveId_verdictRank_name_idx" ON "Server"("waveId", "verdictRank", "name") WHERE ("waveId" IS NOT NULL);

-- CreateIndex
CREATE INDEX "Server_waveId_rolloutTargetDate_rolloutStatus_idx" ON "Server"("waveId", "rolloutTargetDate", "rolloutStatus") WHERE ("waveId" IS NOT NULL);

-- CreateIndex
CREATE INDEX "Server_rolloutOwner_idx" ON "Server"("rolloutOwner") WHERE ("rolloutOwner" IS NOT NULL);
