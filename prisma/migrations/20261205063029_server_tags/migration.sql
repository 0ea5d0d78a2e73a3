-- DropIndex
DROP INDEX "Server_name_idx";

-- DropIndex
DROP INDEX "Server_verdictRank_name_idx";

-- CreateTable
CREATE TABLE "ServerTag" (
    "serverId" TEXT NOT NULL,
    "tag" TEXT NOT NULL,

    PRIMARY KEY ("serverId", "tag"),
    CONSTRAINT "ServerTag_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "Server" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ServerTag_tag_serverId_idx" ON "ServerTag"("tag", "serverId");

-- CreateIndex
CREATE INDEX "Server_verdictRank_name_id_idx" ON "Server"("verdictRank", "name", "id");

-- CreateIndex
CREATE INDEX "Server_name_fqdn_id_idx" ON "Server"("name", "fqdn", "id");

-- Data migration: one ServerTag row per tag of the existing Server.tags copies (",tag1,tag2,", lower-case). The
-- recursive CTE peels one tag off the front of the remaining text per step; lower() and OR IGNORE normalise a copy
-- written before tags were lower-cased or de-duplicated.
INSERT OR IGNORE INTO "ServerTag" ("serverId", "tag")
WITH RECURSIVE "split" ("serverId", "rest", "tag") AS (
    SELECT "id", substr("tags", 2), NULL FROM "Server" WHERE "tags" <> ''
    UNION ALL
    SELECT "serverId", substr("rest", instr("rest", ',') + 1), substr("rest", 1, instr("rest", ',') - 1)
    FROM "split" WHERE instr("rest", ',') > 0
)
SELECT "serverId", lower(trim("tag")) FROM "split" WHERE "tag" IS NOT NULL AND trim("tag") <> '';
