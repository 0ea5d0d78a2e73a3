-- CreateTable
CREATE TABLE "ReadinessSnapshot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL,
    "ready" INTEGER NOT NULL,
    "conditions" INTEGER NOT NULL,
    "notReady" INTEGER NOT NULL,
    "unknown" INTEGER NOT NULL,
    "cause" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Attestation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "attested" BOOLEAN NOT NULL,
    "by" TEXT NOT NULL,
    "note" TEXT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_RuleSummary" (
    "ruleId" TEXT NOT NULL PRIMARY KEY,
    "pass" INTEGER NOT NULL,
    "fail" INTEGER NOT NULL,
    "unknown" INTEGER NOT NULL,
    "waived" INTEGER NOT NULL,
    "blocking" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "new_RuleSummary" ("fail", "pass", "ruleId", "unknown", "waived") SELECT "fail", "pass", "ruleId", "unknown", "waived" FROM "RuleSummary";
DROP TABLE "RuleSummary";
ALTER TABLE "new_RuleSummary" RENAME TO "RuleSummary";
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
    "hostResultsJson" TEXT NOT NULL DEFAULT '[]',
    "rulesetVersion" TEXT NOT NULL DEFAULT '',
    "evaluatedAt" DATETIME
);
INSERT INTO "new_Server" ("blockingRules", "conditionRules", "confidenceShare", "confidenceStars", "createdAt", "domain", "evaluatedAt", "factsCollectedAt", "factsJson", "fqdn", "hostResultsJson", "id", "name", "objectGuid", "osBuild", "osName", "owner", "rulesetVersion", "sid", "site", "statuses", "tags", "unknownRules", "updatedAt", "verdict") SELECT "blockingRules", "conditionRules", "confidenceShare", "confidenceStars", "createdAt", "domain", "evaluatedAt", "factsCollectedAt", "factsJson", "fqdn", "hostResultsJson", "id", "name", "objectGuid", "osBuild", "osName", "owner", "rulesetVersion", "sid", "site", "statuses", "tags", "unknownRules", "updatedAt", "verdict" FROM "Server";
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

-- CreateIndex
CREATE INDEX "ReadinessSnapshot_at_idx" ON "ReadinessSnapshot"("at");

-- CreateIndex
CREATE INDEX "Attestation_key_at_idx" ON "Attestation"("key", "at");
