-- CreateTable
CREATE TABLE "Upload" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sha256" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "producerVersion" TEXT,
    "uploadedBy" TEXT NOT NULL,
    "uploadedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "records" INTEGER NOT NULL,
    "accepted" INTEGER NOT NULL,
    "rejected" INTEGER NOT NULL,
    "serversAffected" INTEGER NOT NULL,
    "issuesJson" TEXT NOT NULL,
    "optionsJson" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Server" (
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

-- CreateTable
CREATE TABLE "HostSnapshot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serverId" TEXT NOT NULL,
    "uploadId" TEXT NOT NULL,
    "collectedAt" DATETIME NOT NULL,
    "factsJson" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "HostSnapshot_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "Server" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "HostSnapshot_uploadId_fkey" FOREIGN KEY ("uploadId") REFERENCES "Upload" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FactSnapshot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "uploadId" TEXT,
    "collectedAt" DATETIME NOT NULL,
    "factsJson" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "FactSnapshot_uploadId_fkey" FOREIGN KEY ("uploadId") REFERENCES "Upload" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DomainEvaluation" (
    "domain" TEXT NOT NULL PRIMARY KEY,
    "resultsJson" TEXT NOT NULL,
    "rulesetVersion" TEXT NOT NULL,
    "evaluatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Evaluation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serverId" TEXT NOT NULL,
    "evaluatedAt" DATETIME NOT NULL,
    "rulesetVersion" TEXT NOT NULL,
    "verdict" TEXT NOT NULL,
    "confidenceStars" INTEGER NOT NULL,
    "statuses" TEXT NOT NULL,
    "cause" TEXT NOT NULL,
    CONSTRAINT "Evaluation_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "Server" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RuleSummary" (
    "ruleId" TEXT NOT NULL PRIMARY KEY,
    "pass" INTEGER NOT NULL,
    "fail" INTEGER NOT NULL,
    "unknown" INTEGER NOT NULL,
    "waived" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "ColumnMapping" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "mappingJson" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Upload_sha256_key" ON "Upload"("sha256");

-- CreateIndex
CREATE INDEX "Upload_createdAt_idx" ON "Upload"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Server_fqdn_key" ON "Server"("fqdn");

-- CreateIndex
CREATE UNIQUE INDEX "Server_objectGuid_key" ON "Server"("objectGuid");

-- CreateIndex
CREATE INDEX "Server_verdict_idx" ON "Server"("verdict");

-- CreateIndex
CREATE INDEX "Server_domain_idx" ON "Server"("domain");

-- CreateIndex
CREATE INDEX "Server_name_idx" ON "Server"("name");

-- CreateIndex
CREATE INDEX "Server_factsCollectedAt_idx" ON "Server"("factsCollectedAt");

-- CreateIndex
CREATE INDEX "Server_osName_idx" ON "Server"("osName");

-- CreateIndex
CREATE INDEX "Server_site_idx" ON "Server"("site");

-- CreateIndex
CREATE INDEX "Server_owner_idx" ON "Server"("owner");

-- CreateIndex
CREATE INDEX "HostSnapshot_serverId_collectedAt_idx" ON "HostSnapshot"("serverId", "collectedAt");

-- CreateIndex
CREATE INDEX "HostSnapshot_uploadId_idx" ON "HostSnapshot"("uploadId");

-- CreateIndex
CREATE INDEX "FactSnapshot_kind_subject_collectedAt_idx" ON "FactSnapshot"("kind", "subject", "collectedAt");

-- CreateIndex
CREATE INDEX "FactSnapshot_uploadId_idx" ON "FactSnapshot"("uploadId");

-- CreateIndex
CREATE INDEX "Evaluation_serverId_evaluatedAt_idx" ON "Evaluation"("serverId", "evaluatedAt");

-- CreateIndex
CREATE INDEX "Evaluation_evaluatedAt_idx" ON "Evaluation"("evaluatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ColumnMapping_name_key" ON "ColumnMapping"("name");
