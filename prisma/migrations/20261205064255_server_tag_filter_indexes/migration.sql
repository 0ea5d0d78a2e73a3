-- DropIndex
DROP INDEX "Server_domain_verdict_idx";

-- DropIndex
DROP INDEX "Server_verdict_idx";

-- CreateIndex
CREATE INDEX "Server_verdict_id_idx" ON "Server"("verdict", "id");

-- CreateIndex
CREATE INDEX "Server_domain_verdict_id_idx" ON "Server"("domain", "verdict", "id");
