-- DropIndex
DROP INDEX "Server_waveId_domain_idx";

-- DropIndex
DROP INDEX "Server_waveId_rolloutStatus_idx";

-- CreateIndex
CREATE INDEX "Server_waveId_rolloutStatus_verdict_idx" ON "Server"("waveId", "rolloutStatus", "verdict");

-- CreateIndex
CREATE INDEX "Server_waveId_domain_rolloutStatus_agentInstalled_idx" ON "Server"("waveId", "domain", "rolloutStatus", "agentInstalled");

-- CreateIndex
CREATE INDEX "Server_waveId_verdictRank_name_idx" ON "Server"("waveId", "verdictRank", "name");

-- CreateIndex
CREATE INDEX "Server_waveId_rolloutTargetDate_rolloutStatus_idx" ON "Server"("waveId", "rolloutTargetDate", "rolloutStatus");

-- CreateIndex
CREATE INDEX "Server_domain_agentInstalled_rolloutStatus_idx" ON "Server"("domain", "agentInstalled", "rolloutStatus");
