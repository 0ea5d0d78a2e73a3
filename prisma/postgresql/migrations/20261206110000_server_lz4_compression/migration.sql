-- Edited by hand (docs/decisions/023-postgresql-ingest-bounds.md): the Server row's long text columns are compressed
-- with lz4 instead of the default pglz. A Server row is ~4.4 KB (current facts, statuses and their array,
-- unknown rules), over the 2 KB at which PostgreSQL compresses and moves values out of the row, so every row a
-- 50,000-server upload inserts is compressed: lz4 compresses and decompresses several times faster (COPY of those
-- 50,000 rows: 4.4-4.7 s with pglz, 3.7-4.1 s with lz4). Prisma does not model compression: the drift check ignores it.
-- Only new values are compressed with lz4 (nothing is rewritten). A server built without lz4 (ERRCODE
-- feature_not_supported) keeps pglz, with a notice. The DO body holds its semicolons as \x3B escapes: Prisma's schema
-- engine splits a script at every semicolon, even inside a quoted string (so no comment here holds one either).
DO E'BEGIN ALTER TABLE "Server" ALTER COLUMN "factsJson" SET COMPRESSION lz4, ALTER COLUMN "statuses" SET COMPRESSION lz4, ALTER COLUMN "statusList" SET COMPRESSION lz4, ALTER COLUMN "unknownRules" SET COMPRESSION lz4\x3B EXCEPTION WHEN feature_not_supported THEN RAISE NOTICE ''lz4 is not available: Server keeps pglz compression''\x3B END\x3B';
