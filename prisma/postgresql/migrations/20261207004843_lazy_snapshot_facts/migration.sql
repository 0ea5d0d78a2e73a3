-- AlterTable
ALTER TABLE "HostSnapshot" ALTER COLUMN "factsJson" DROP NOT NULL;

-- Snapshots whose facts are their server's current facts stop storing them a second time (decision 026,
-- lib/data/ingest/snapshot-facts.ts): NULL reads as the server's Server.factsJson.
UPDATE "HostSnapshot" SET "factsJson" = NULL
WHERE "factsJson" = (SELECT s."factsJson" FROM "Server" s WHERE s."id" = "HostSnapshot"."serverId");
