import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { containerLabel } from "@/components/uploads/archive-entries";
import { DeleteUploadButton } from "@/components/uploads/delete-upload-button";
import { IssuesTable } from "@/components/uploads/issues-table";
import { Pagination } from "@/components/uploads/pagination";
import { UploadEntriesTable } from "@/components/uploads/upload-entries-table";
import { UploadContents } from "@/components/uploads/upload-contents";
import { UploadChangesView } from "@/components/uploads/upload-changes";
import { UploadCounts } from "@/components/uploads/upload-counts";
import { UploadProvenance } from "@/components/uploads/upload-provenance";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { getUploadChanges } from "@/lib/data/upload-changes";
import { getUpload, getUploadContents, listUploadEntries } from "@/lib/data/uploads";
import { formatById } from "@/lib/ingest/formats";

export const metadata: Metadata = { title: "Upload" };

const ENTRIES_PAGE_SIZE = 100;

function pageNumber(raw: string | string[] | undefined): number {
  const value = Number(Array.isArray(raw) ? raw[0] : raw);
  return Number.isInteger(value) && value >= 1 && value <= 1_000_000 ? value : 1;
}

export default async function UploadPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const caller = await requirePage("read");
  const { id } = await params;
  const upload = await getUpload(id);
  if (!upload) notFound();
  const query = await searchParams;
  const page = pageNumber(query.page);
  const changesPage = pageNumber(query.changes);
  const changes = await getUploadChanges(upload.id, changesPage);
  const keep = { page: page > 1 ? String(page) : undefined, changes: changesPage > 1 ? String(changesPage) : undefined };
  const [contents, files] = await Promise.all([
    getUploadContents(upload.id),
    upload.container ? listUploadEntries(upload.id, { take: ENTRIES_PAGE_SIZE, skip: (page - 1) * ENTRIES_PAGE_SIZE }) : Promise.resolve({ total: 0, entries: [] }),
  ]);
  const filePages = Math.max(1, Math.ceil(files.total / ENTRIES_PAGE_SIZE));
  const errors = upload.issues.filter((issue) => issue.severity === "error").length;
  const warnings = upload.issues.length - errors;
  return (
    <>
      <PageHeader
        title="Upload"
        description={<span className="break-all">{upload.fileName}</span>}
        actions={
          <Link href="/uploads" className="text-sm font-medium text-brand-600 underline dark:text-brand-100">
            All uploads
          </Link>
        }
      />
      <div className="space-y-6">
        <Card title="Provenance" id="provenance">
          <UploadProvenance upload={upload} formatLabel={formatById(upload.format)?.label} />
        </Card>
        <Card title="Counts" id="counts">
          <UploadCounts counts={upload.counts} label="Counts" />
        </Card>
        {upload.container && (
          <Card title={upload.container === "xlsx" ? "Sheet read from the workbook" : `Files in the ${containerLabel(upload.container)}`} id="files">
            {files.entries.length === 0 ? (
              <p className="text-sm text-slate-600 dark:text-slate-400">There is no page {page}; the list has {filePages}.</p>
            ) : (
              <UploadEntriesTable entries={files.entries} sheet={upload.container === "xlsx"} caption={`Files read from ${upload.fileName} (page ${page} of ${filePages})`} />
            )}
            <Pagination
              page={page}
              pageCount={filePages}
              total={files.total}
              basePath={`/uploads/${encodeURIComponent(upload.id)}`}
              noun={files.total === 1 ? "file" : "files"}
              label="Pages of files"
              keep={keep}
            />
          </Card>
        )}
        <Card title="What it changed" id="changes">
          {changesPage > 1 && changes.rows.length === 0 && changes.total > 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">There is no page {changesPage} of changed servers.</p>
          ) : null}
          <UploadChangesView changes={changes} page={changesPage} basePath={`/uploads/${encodeURIComponent(upload.id)}`} keep={keep} />
        </Card>
        <Card title="What it stored" id="contents">
          <UploadContents contents={contents} />
        </Card>
        <Card title={`Issues (${upload.issues.length.toLocaleString("en-US")})`} id="issues">
          {upload.issues.length > 0 && (
            <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
              {errors.toLocaleString("en-US")} {errors === 1 ? "error" : "errors"} (rows left out) and {warnings.toLocaleString("en-US")}{" "}
              {warnings === 1 ? "warning" : "warnings"}, as found when the file was committed.
            </p>
          )}
          <IssuesTable issues={upload.issues} caption={`Issues found in ${upload.fileName}`} />
        </Card>
        {can(caller.role, "upload") && (
          <Card title="Delete" id="delete">
            <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
              Deleting removes this upload&apos;s facts and re-evaluates what it touched. Upload the file again to restore it.
            </p>
            <DeleteUploadButton uploadId={upload.id} fileName={upload.fileName} servers={contents.serverTotal} />
          </Card>
        )}
      </div>
    </>
  );
}
