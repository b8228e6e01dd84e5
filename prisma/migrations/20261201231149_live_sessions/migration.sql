-- AlterTable
ALTER TABLE "Design" ADD COLUMN     "liveEpoch" TEXT,
ADD COLUMN     "liveFolded" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "liveSeq" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "liveSnapshot" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "liveState" BYTEA;

-- CreateTable
CREATE TABLE "DesignUpdate" (
    "designId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,
    "origin" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DesignUpdate_pkey" PRIMARY KEY ("designId","seq")
);

-- AddForeignKey
ALTER TABLE "DesignUpdate" ADD CONSTRAINT "DesignUpdate_designId_fkey" FOREIGN KEY ("designId") REFERENCES "Design"("id") ON DELETE CASCADE ON UPDATE CASCADE;
