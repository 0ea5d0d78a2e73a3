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
    "evaluatedAt" DATETIME
);
INSERT INTO "new_Server" ("blockingRules", "conditionRules", "confidenceShare", "confidenceStars", "createdAt", "domain", "evaluatedAt", "factsCollectedAt", "factsJson", "fqdn", "id", "name", "objectGuid", "osBuild", "osName", "owner", "rulesetVersion", "sid", "site", "statuses", "tags", "unknownRules", "updatedAt", "verdict", "verdictRank") SELECT "blockingRules", "conditionRules", "confidenceShare", "confidenceStars", "createdAt", "domain", "evaluatedAt", "factsCollectedAt", "factsJson", "fqdn", "id", "name", "objectGuid", "osBuild", "osName", "owner", "rulesetVersion", "sid", "site", "statuses", "tags", "unknownRules", "updatedAt", "verdict", "verdictRank" FROM "Server";
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
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Backfill (hand-written): the agent flag from each server's current facts.
UPDATE "Server" SET "agentInstalled" = json_extract("factsJson", '$.agent.installed') WHERE json_type("factsJson", '$.agent.installed') IN ('true', 'false');
