-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_HostSnapshot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serverId" TEXT NOT NULL,
    "uploadId" TEXT NOT NULL,
    "collectedAt" DATETIME NOT NULL,
    "factsJson" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "HostSnapshot_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "Server" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "HostSnapshot_uploadId_fkey" FOREIGN KEY ("uploadId") REFERENCES "Upload" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_HostSnapshot" ("collectedAt", "createdAt", "factsJson", "id", "serverId", "uploadId") SELECT "collectedAt", "createdAt", "factsJson", "id", "serverId", "uploadId" FROM "HostSnapshot";
DROP TABLE "HostSnapshot";
ALTER TABLE "new_HostSnapshot" RENAME TO "HostSnapshot";
CREATE INDEX "HostSnapshot_serverId_collectedAt_idx" ON "HostSnapshot"("serverId", "collectedAt");
CREATE INDEX "HostSnapshot_uploadId_idx" ON "HostSnapshot"("uploadId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Snapshots whose facts are their server's current facts stop storing them a second time (decision 026,
-- lib/data/ingest/snapshot-facts.ts): NULL reads as the server's Server.factsJson.
UPDATE "HostSnapshot" SET "factsJson" = NULL
WHERE "factsJson" = (SELECT s."factsJson" FROM "Server" s WHERE s."id" = "HostSnapshot"."serverId");
