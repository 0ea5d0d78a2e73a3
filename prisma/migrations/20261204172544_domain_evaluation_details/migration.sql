-- AlterTable
ALTER TABLE "DomainEvaluation" ADD COLUMN "detailsJson" TEXT;
