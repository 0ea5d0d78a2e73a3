-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Attestation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "domain" TEXT NOT NULL DEFAULT '',
    "key" TEXT NOT NULL,
    "attested" BOOLEAN NOT NULL,
    "by" TEXT NOT NULL,
    "note" TEXT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Attestation" ("at", "attested", "by", "id", "key", "note") SELECT "at", "attested", "by", "id", "key", "note" FROM "Attestation";
DROP TABLE "Attestation";
ALTER TABLE "new_Attestation" RENAME TO "Attestation";
CREATE INDEX "Attestation_key_at_idx" ON "Attestation"("key", "at");
CREATE INDEX "Attestation_domain_key_at_idx" ON "Attestation"("domain", "key", "at");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
