import type { Metadata } from "next";
import { CollectorCard } from "@/components/uploads/collector-card";
import { Pagination } from "@/components/uploads/pagination";
import { UploadPanel } from "@/components/uploads/upload-panel";
import { UploadsTable } from "@/components/uploads/uploads-table";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { listColumnMappings } from "@/lib/data/column-mappings";
import { listUploads } from "@/lib/data/uploads";
import { env } from "@/lib/env";
import { FORMAT_PARSERS } from "@/lib/ingest/formats";

export const metadata: Metadata = { title: "Uploads" };

const PAGE_SIZE = 25;

function pageNumber(raw: string | string[] | undefined): number {
  const value = Number(Array.isArray(raw) ? raw[0] : raw);
  return Number.isInteger(value) && value >= 1 && value <= 1_000_000 ? value : 1;
}

export default async function UploadsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const caller = await requirePage("read");
  const params = await searchParams;
  const page = pageNumber(params.page);
  const canUpload = can(caller.role, "upload");
  const [{ total, uploads }, mappings] = await Promise.all([
    listUploads({ take: PAGE_SIZE, skip: (page - 1) * PAGE_SIZE }),
    canUpload ? listColumnMappings() : Promise.resolve([]),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const formats = FORMAT_PARSERS.map((parser) => ({ id: parser.id, label: parser.label, kind: parser.kind }));
  const formatLabels = new Map(formats.map((format) => [format.id, format.label]));

  const list =
    total === 0 ? (
      <EmptyState title="No uploads yet">
        <p>
          {canUpload
            ? "Upload host inventories, gMSA ACL exports, domain facts, tenant facts and sync-scope plans above; each one is listed here with who uploaded it and what it changed."
            : "An administrator uploads exports here; you will see them once they exist."}
        </p>
      </EmptyState>
    ) : (
      <Card title="Uploaded files" id="uploads">
        {uploads.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">There is no page {page}; the list has {pageCount}.</p>
        ) : (
          <UploadsTable uploads={uploads} formatLabels={formatLabels} caption={`Uploads, newest first (page ${page} of ${pageCount})`} />
        )}
        <Pagination page={page} pageCount={pageCount} total={total} basePath="/uploads" noun={total === 1 ? "upload" : "uploads"} />
      </Card>
    );

  return (
    <>
      <PageHeader title="Uploads" description="Every export that was uploaded, with who, when, what it contained and what it changed." />
      {params.deleted === "1" && (
        <p role="status" className="mb-4 rounded-md border border-green-300 bg-green-50 p-3 text-sm dark:border-green-800 dark:bg-green-950">
          The upload was deleted: its facts were removed and the servers it touched were re-evaluated.
        </p>
      )}
      <div className="space-y-6">
        {canUpload && (
          <div className="grid items-start gap-6 2xl:grid-cols-3">
            <div className="2xl:col-span-2">
              <Card title="Upload exports" id="upload">
                <UploadPanel formats={formats} savedMappings={mappings.map(({ name, mapping }) => ({ name, mapping }))} maxBytes={env().UPLOAD_MAX_BYTES} archiveMaxBytes={env().ARCHIVE_MAX_BYTES} />
              </Card>
            </div>
            <CollectorCard />
          </div>
        )}
        {list}
        {!canUpload && <CollectorCard />}
      </div>
    </>
  );
}
