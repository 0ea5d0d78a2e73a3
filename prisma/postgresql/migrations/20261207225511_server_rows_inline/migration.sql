-- Edited by hand (decision 031): PostgreSQL compresses the long values of a row (pglz) when the row is longer than
-- toast_tuple_target, 2 kB by default. A new server row is about 2.2 kB (its current facts, Server.factsJson, about
-- 1.3 kB, and its statuses), so nearly every new server had its facts compressed when written and decompressed
-- whenever they were read (evaluation), for a fifth of their size. With the target at its maximum, a row up to a page
-- stays as it is, and a longer one (a collector report with a very long hotfix list) is still compressed. Storage
-- parameters are not part of the Prisma schema: the drift check neither sees nor needs them.
ALTER TABLE "Server" SET (toast_tuple_target = 8160);
