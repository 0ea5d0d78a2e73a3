-- Archive and workbook uploads (lib/ingest/archive, lib/ingest/xlsx): the container of an upload and one row per file
-- read from it. Columns are added in place (no table rebuild: rebuilding Upload would cascade-delete its snapshots
-- when foreign keys are on).

-- AlterTable
ALTER TABLE "Upload" ADD COLUMN "container" TEXT;
ALTER TABLE "Upload" ADD COLUMN "entryCount" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "UploadEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "uploadId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "format" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "records" INTEGER NOT NULL,
    "accepted" INTEGER NOT NULL,
    "rejected" INTEGER NOT NULL,
    CONSTRAINT "UploadEntry_uploadId_fkey" FOREIGN KEY ("uploadId") REFERENCES "Upload" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "UploadEntry_uploadId_position_idx" ON "UploadEntry"("uploadId", "position");
