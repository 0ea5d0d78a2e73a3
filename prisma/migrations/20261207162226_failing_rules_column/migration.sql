-- Edited by hand (decision 029). Prisma rebuilds the table to add a column; SQLite adds a column with a constant
-- default in place (no copy of every server with its 19 indexes), and the column is the model's last.
ALTER TABLE "Server" ADD COLUMN "failingRules" TEXT NOT NULL DEFAULT '';

-- Existing servers: the codes of their "code:f" entries, in the order of "statuses" (what failingRulesOf writes).
-- Entries are rule codes or rule ids and a status letter, never quotes or backslashes, so they are JSON strings as is.
UPDATE "Server" SET "failingRules" = COALESCE((
    SELECT ',' || group_concat(substr(e.value, 1, length(e.value) - 2), ',' ORDER BY e.key) || ','
    FROM json_each('["' || replace("statuses", ',', '","') || '"]') AS e
    WHERE e.value LIKE '%:f'
  ), '')
WHERE "statuses" LIKE '%:f%';
