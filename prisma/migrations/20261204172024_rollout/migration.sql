-- AlterTable
ALTER TABLE "Evaluation" ADD COLUMN "note" TEXT;

-- CreateTable
CREATE TABLE "Wave" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "startDate" TEXT,
    "endDate" TEXT,
    "ownerUserId" TEXT,
    "ownerName" TEXT,
    "position" INTEGER NOT NULL,
    "archivedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "updatedBy" TEXT NOT NULL,
    "gateStatus" TEXT NOT NULL DEFAULT 'no-go',
    "gateBlockers" INTEGER NOT NULL DEFAULT 0,
    "gateSummary" TEXT NOT NULL DEFAULT '',
    "gateChangedAt" DATETIME,
    "gateChangeCause" TEXT,
    "gateComputedAt" DATETIME
);

-- CreateTable
CREATE TABLE "Waiver" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ruleId" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "serverId" TEXT,
    "domain" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "requestedById" TEXT,
    "approvedBy" TEXT,
    "approvedById" TEXT,
    "approvedAt" DATETIME,
    "expiresAt" DATETIME NOT NULL,
    "acceptedJson" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "endedAt" DATETIME,
    "endedBy" TEXT,
    "endReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Waiver_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "Server" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorKind" TEXT NOT NULL,
    "actorId" TEXT,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT,
    "targetLabel" TEXT,
    "beforeJson" TEXT,
    "afterJson" TEXT,
    "summary" TEXT NOT NULL DEFAULT '',
    "ip" TEXT
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Server" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "fqdn" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "objectGuid" TEXT,
    "sid" TEXT,
    "osName" TEXT,
    "osBuild" INTEGER,
    "site" TEXT,
    "owner" TEXT,
    "tags" TEXT NOT NULL DEFAULT '',
    "factsCollectedAt" DATETIME,
    "factsJson" TEXT NOT NULL DEFAULT '{}',
    "agentInstalled" BOOLEAN,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "verdict" TEXT NOT NULL DEFAULT 'unknown',
    "verdictRank" INTEGER NOT NULL DEFAULT 1,
    "confidenceStars" INTEGER NOT NULL DEFAULT 1,
    "confidenceShare" REAL NOT NULL DEFAULT 0,
    "blockingRules" TEXT NOT NULL DEFAULT '',
    "conditionRules" TEXT NOT NULL DEFAULT '',
    "unknownRules" TEXT NOT NULL DEFAULT '',
    "statuses" TEXT NOT NULL DEFAULT '',
    "rulesetVersion" TEXT NOT NULL DEFAULT '',
    "evaluatedAt" DATETIME,
    "unknownBlockers" TEXT NOT NULL DEFAULT '',
    "waveId" TEXT,
    "rolloutStatus" TEXT NOT NULL DEFAULT 'not-started',
    "rolloutStatusSource" TEXT NOT NULL DEFAULT 'typed',
    "rolloutDetectedUploadId" TEXT,
    "rolloutOwner" TEXT,
    "rolloutTargetDate" TEXT,
    "rolloutNote" TEXT,
    "rolloutInstalledAt" DATETIME,
    "rolloutVersion" INTEGER NOT NULL DEFAULT 1,
    "rolloutUpdatedAt" DATETIME,
    "rolloutUpdatedBy" TEXT,
    CONSTRAINT "Server_waveId_fkey" FOREIGN KEY ("waveId") REFERENCES "Wave" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Server" ("agentInstalled", "blockingRules", "conditionRules", "confidenceShare", "confidenceStars", "createdAt", "domain", "evaluatedAt", "factsCollectedAt", "factsJson", "fqdn", "id", "name", "objectGuid", "osBuild", "osName", "owner", "rulesetVersion", "sid", "site", "statuses", "tags", "unknownRules", "updatedAt", "verdict", "verdictRank") SELECT "agentInstalled", "blockingRules", "conditionRules", "confidenceShare", "confidenceStars", "createdAt", "domain", "evaluatedAt", "factsCollectedAt", "factsJson", "fqdn", "id", "name", "objectGuid", "osBuild", "osName", "owner", "rulesetVersion", "sid", "site", "statuses", "tags", "unknownRules", "updatedAt", "verdict", "verdictRank" FROM "Server";
DROP TABLE "Server";
ALTER TABLE "new_Server" RENAME TO "Server";
CREATE UNIQUE INDEX "Server_fqdn_key" ON "Server"("fqdn");
CREATE UNIQUE INDEX "Server_objectGuid_key" ON "Server"("objectGuid");
CREATE INDEX "Server_verdict_idx" ON "Server"("verdict");
CREATE INDEX "Server_verdictRank_name_idx" ON "Server"("verdictRank", "name");
CREATE INDEX "Server_domain_verdict_idx" ON "Server"("domain", "verdict");
CREATE INDEX "Server_name_idx" ON "Server"("name");
CREATE INDEX "Server_factsCollectedAt_idx" ON "Server"("factsCollectedAt");
CREATE INDEX "Server_osName_idx" ON "Server"("osName");
CREATE INDEX "Server_site_idx" ON "Server"("site");
CREATE INDEX "Server_owner_idx" ON "Server"("owner");
CREATE INDEX "Server_waveId_rolloutStatus_idx" ON "Server"("waveId", "rolloutStatus");
CREATE INDEX "Server_waveId_domain_idx" ON "Server"("waveId", "domain");
CREATE INDEX "Server_rolloutStatus_idx" ON "Server"("rolloutStatus");
CREATE INDEX "Server_rolloutOwner_idx" ON "Server"("rolloutOwner");
CREATE INDEX "Server_rolloutTargetDate_idx" ON "Server"("rolloutTargetDate");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Wave_nameKey_key" ON "Wave"("nameKey");

-- CreateIndex
CREATE INDEX "Wave_archivedAt_position_idx" ON "Wave"("archivedAt", "position");

-- CreateIndex
CREATE INDEX "Waiver_status_expiresAt_idx" ON "Waiver"("status", "expiresAt");

-- CreateIndex
CREATE INDEX "Waiver_serverId_idx" ON "Waiver"("serverId");

-- CreateIndex
CREATE INDEX "Waiver_domain_ruleId_idx" ON "Waiver"("domain", "ruleId");

-- CreateIndex
CREATE INDEX "Waiver_ruleId_idx" ON "Waiver"("ruleId");

-- CreateIndex
CREATE INDEX "AuditEntry_at_idx" ON "AuditEntry"("at");

-- CreateIndex
CREATE INDEX "AuditEntry_action_at_idx" ON "AuditEntry"("action", "at");

-- CreateIndex
CREATE INDEX "AuditEntry_targetType_targetId_at_idx" ON "AuditEntry"("targetType", "targetId", "at");

-- CreateIndex
CREATE INDEX "AuditEntry_actor_at_idx" ON "AuditEntry"("actor", "at");

-- Hand-written: the audit log is append-only, also for anyone with a SQL client.
CREATE TRIGGER "AuditEntry_no_update" BEFORE UPDATE ON "AuditEntry" BEGIN SELECT RAISE(ABORT, 'AuditEntry is append-only'); END;
CREATE TRIGGER "AuditEntry_no_delete" BEFORE DELETE ON "AuditEntry" BEGIN SELECT RAISE(ABORT, 'AuditEntry is append-only'); END;

-- Hand-written backfill: unknownBlockers is filled by the next evaluation; an empty ruleset version makes the
-- next start re-evaluate every server (lib/data/ingest/ruleset-refresh.ts).
UPDATE "Server" SET "rulesetVersion" = '';
