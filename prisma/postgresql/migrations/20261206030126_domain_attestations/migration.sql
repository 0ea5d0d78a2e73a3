-- AlterTable
ALTER TABLE "Attestation" ADD COLUMN     "domain" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "Attestation_domain_key_at_idx" ON "Attestation"("domain", "key", "at");
