-- AlterTable
ALTER TABLE "DesignRevision" ADD COLUMN     "saves" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- Rows written before coalescing were written once: last written = first written.
UPDATE "DesignRevision" SET "updatedAt" = "createdAt";
