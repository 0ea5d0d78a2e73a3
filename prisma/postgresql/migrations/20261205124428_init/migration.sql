-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "disabledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginAttempt" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "device" TEXT,
    "success" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoginAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInDevice" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SignInDevice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Upload" (
    "id" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "producerVersion" TEXT,
    "uploadedBy" TEXT NOT NULL,
    "uploadedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "records" INTEGER NOT NULL,
    "accepted" INTEGER NOT NULL,
    "rejected" INTEGER NOT NULL,
    "serversAffected" INTEGER NOT NULL,
    "issuesJson" TEXT NOT NULL,
    "optionsJson" TEXT NOT NULL,
    "container" TEXT,
    "entryCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Upload_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UploadEntry" (
    "id" TEXT NOT NULL,
    "uploadId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "format" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "records" INTEGER NOT NULL,
    "accepted" INTEGER NOT NULL,
    "rejected" INTEGER NOT NULL,

    CONSTRAINT "UploadEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Server" (
    "id" TEXT NOT NULL,
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
    "factsCollectedAt" TIMESTAMP(3),
    "factsJson" TEXT NOT NULL DEFAULT '{}',
    "agentInstalled" BOOLEAN,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "verdict" TEXT NOT NULL DEFAULT 'unknown',
    "verdictRank" INTEGER NOT NULL DEFAULT 1,
    "confidenceStars" INTEGER NOT NULL DEFAULT 1,
    "confidenceShare" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "blockingRules" TEXT NOT NULL DEFAULT '',
    "conditionRules" TEXT NOT NULL DEFAULT '',
    "unknownRules" TEXT NOT NULL DEFAULT '',
    "statuses" TEXT NOT NULL DEFAULT '',
    "rulesetVersion" TEXT NOT NULL DEFAULT '',
    "evaluatedAt" TIMESTAMP(3),
    "unknownBlockers" TEXT NOT NULL DEFAULT '',
    "waveId" TEXT,
    "rolloutStatus" TEXT NOT NULL DEFAULT 'not-started',
    "rolloutStatusSource" TEXT NOT NULL DEFAULT 'typed',
    "rolloutDetectedUploadId" TEXT,
    "rolloutOwner" TEXT,
    "rolloutTargetDate" TEXT,
    "rolloutNote" TEXT,
    "rolloutInstalledAt" TIMESTAMP(3),
    "rolloutVersion" INTEGER NOT NULL DEFAULT 1,
    "rolloutUpdatedAt" TIMESTAMP(3),
    "rolloutUpdatedBy" TEXT,

    CONSTRAINT "Server_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServerTag" (
    "serverId" TEXT NOT NULL,
    "tag" TEXT NOT NULL,

    CONSTRAINT "ServerTag_pkey" PRIMARY KEY ("serverId","tag")
);

-- CreateTable
CREATE TABLE "HostSnapshot" (
    "id" TEXT NOT NULL,
    "serverId" TEXT NOT NULL,
    "uploadId" TEXT NOT NULL,
    "collectedAt" TIMESTAMP(3) NOT NULL,
    "factsJson" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HostSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FactSnapshot" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "uploadId" TEXT,
    "collectedAt" TIMESTAMP(3) NOT NULL,
    "factsJson" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FactSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DomainEvaluation" (
    "domain" TEXT NOT NULL,
    "resultsJson" TEXT NOT NULL,
    "detailsJson" TEXT,
    "rulesetVersion" TEXT NOT NULL,
    "evaluatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DomainEvaluation_pkey" PRIMARY KEY ("domain")
);

-- CreateTable
CREATE TABLE "Evaluation" (
    "id" TEXT NOT NULL,
    "serverId" TEXT NOT NULL,
    "evaluatedAt" TIMESTAMP(3) NOT NULL,
    "rulesetVersion" TEXT NOT NULL,
    "verdict" TEXT NOT NULL,
    "confidenceStars" INTEGER NOT NULL,
    "statuses" TEXT NOT NULL,
    "cause" TEXT NOT NULL,
    "note" TEXT,

    CONSTRAINT "Evaluation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RuleSummary" (
    "ruleId" TEXT NOT NULL,
    "pass" INTEGER NOT NULL,
    "fail" INTEGER NOT NULL,
    "unknown" INTEGER NOT NULL,
    "waived" INTEGER NOT NULL,
    "blocking" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RuleSummary_pkey" PRIMARY KEY ("ruleId")
);

-- CreateTable
CREATE TABLE "ReadinessSnapshot" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "ready" INTEGER NOT NULL,
    "conditions" INTEGER NOT NULL,
    "notReady" INTEGER NOT NULL,
    "unknown" INTEGER NOT NULL,
    "cause" TEXT NOT NULL,

    CONSTRAINT "ReadinessSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ColumnMapping" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mappingJson" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ColumnMapping_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attestation" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "attested" BOOLEAN NOT NULL,
    "by" TEXT NOT NULL,
    "note" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Attestation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Wave" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "startDate" TEXT,
    "endDate" TEXT,
    "ownerUserId" TEXT,
    "ownerName" TEXT,
    "position" INTEGER NOT NULL,
    "archivedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT NOT NULL,
    "gateStatus" TEXT NOT NULL DEFAULT 'no-go',
    "gateBlockers" INTEGER NOT NULL DEFAULT 0,
    "gateSummary" TEXT NOT NULL DEFAULT '',
    "gateChangedAt" TIMESTAMP(3),
    "gateChangeCause" TEXT,
    "gateComputedAt" TIMESTAMP(3),

    CONSTRAINT "Wave_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Waiver" (
    "id" TEXT NOT NULL,
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
    "approvedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "acceptedJson" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "endedAt" TIMESTAMP(3),
    "endedBy" TEXT,
    "endReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Waiver_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
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
    "ip" TEXT,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "LoginAttempt_key_createdAt_idx" ON "LoginAttempt"("key", "createdAt");

-- CreateIndex
CREATE INDEX "LoginAttempt_ip_createdAt_idx" ON "LoginAttempt"("ip", "createdAt");

-- CreateIndex
CREATE INDEX "LoginAttempt_createdAt_idx" ON "LoginAttempt"("createdAt");

-- CreateIndex
CREATE INDEX "SignInDevice_userId_idx" ON "SignInDevice"("userId");

-- CreateIndex
CREATE INDEX "SignInDevice_expiresAt_idx" ON "SignInDevice"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "Upload_sha256_key" ON "Upload"("sha256");

-- CreateIndex
CREATE INDEX "Upload_createdAt_idx" ON "Upload"("createdAt");

-- CreateIndex
CREATE INDEX "UploadEntry_uploadId_position_idx" ON "UploadEntry"("uploadId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Server_fqdn_key" ON "Server"("fqdn");

-- CreateIndex
CREATE UNIQUE INDEX "Server_objectGuid_key" ON "Server"("objectGuid");

-- CreateIndex
CREATE INDEX "Server_verdict_id_idx" ON "Server"("verdict", "id");

-- CreateIndex
CREATE INDEX "Server_verdictRank_name_id_idx" ON "Server"("verdictRank", "name", "id");

-- CreateIndex
CREATE INDEX "Server_domain_verdict_id_idx" ON "Server"("domain", "verdict", "id");

-- CreateIndex
CREATE INDEX "Server_name_fqdn_id_idx" ON "Server"("name", "fqdn", "id");

-- CreateIndex
CREATE INDEX "Server_factsCollectedAt_idx" ON "Server"("factsCollectedAt");

-- CreateIndex
CREATE INDEX "Server_osName_idx" ON "Server"("osName");

-- CreateIndex
CREATE INDEX "Server_site_idx" ON "Server"("site");

-- CreateIndex
CREATE INDEX "Server_owner_idx" ON "Server"("owner");

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

-- CreateIndex
CREATE INDEX "Server_rolloutStatus_idx" ON "Server"("rolloutStatus");

-- CreateIndex
CREATE INDEX "Server_rolloutOwner_idx" ON "Server"("rolloutOwner");

-- CreateIndex
CREATE INDEX "Server_rolloutTargetDate_idx" ON "Server"("rolloutTargetDate");

-- CreateIndex
CREATE INDEX "ServerTag_tag_serverId_idx" ON "ServerTag"("tag", "serverId");

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
CREATE INDEX "ReadinessSnapshot_at_idx" ON "ReadinessSnapshot"("at");

-- CreateIndex
CREATE UNIQUE INDEX "ColumnMapping_name_key" ON "ColumnMapping"("name");

-- CreateIndex
CREATE INDEX "Attestation_key_at_idx" ON "Attestation"("key", "at");

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

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SignInDevice" ADD CONSTRAINT "SignInDevice_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UploadEntry" ADD CONSTRAINT "UploadEntry_uploadId_fkey" FOREIGN KEY ("uploadId") REFERENCES "Upload"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Server" ADD CONSTRAINT "Server_waveId_fkey" FOREIGN KEY ("waveId") REFERENCES "Wave"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServerTag" ADD CONSTRAINT "ServerTag_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "Server"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HostSnapshot" ADD CONSTRAINT "HostSnapshot_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "Server"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HostSnapshot" ADD CONSTRAINT "HostSnapshot_uploadId_fkey" FOREIGN KEY ("uploadId") REFERENCES "Upload"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FactSnapshot" ADD CONSTRAINT "FactSnapshot_uploadId_fkey" FOREIGN KEY ("uploadId") REFERENCES "Upload"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evaluation" ADD CONSTRAINT "Evaluation_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "Server"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Waiver" ADD CONSTRAINT "Waiver_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "Server"("id") ON DELETE CASCADE ON UPDATE CASCADE;
