"use client";

import { useState } from "react";
import { deleteUploadAction } from "@/app/uploads/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";

/** Delete with a confirmation step; on success the action redirects to the uploads list. */
export function DeleteUploadButton({ uploadId, fileName, servers }: { uploadId: string; fileName: string; servers: number }) {
  const [confirming, setConfirming] = useState(false);
  const { state, onSubmit, formRef, pending } = useFormAction(deleteUploadAction);
  if (!confirming) {
    return (
      <div className="space-y-2">
        <Button type="button" variant="danger" onClick={() => setConfirming(true)}>
          Delete this upload…
        </Button>
        <FormMessage state={state} />
      </div>
    );
  }
  return (
    <form ref={formRef} onSubmit={onSubmit} aria-label="Confirm deletion" className="space-y-3 rounded-md border border-red-300 bg-red-50 p-3 dark:border-red-800 dark:bg-red-950/60">
      <input type="hidden" name="uploadId" value={uploadId} />
      <p className="text-sm">
        Delete <strong className="break-all">{fileName}</strong>? Its facts are removed and{" "}
        {servers === 1 ? "the server it touched falls" : `the ${servers.toLocaleString("en-US")} servers it touched fall`} back to their previous
        snapshot; a server that only this upload knew is removed. Affected servers are re-evaluated. This cannot be undone.
      </p>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="danger" disabled={pending}>
          {pending ? "Deleting…" : "Yes, delete the upload"}
        </Button>
        <Button type="button" variant="secondary" disabled={pending} onClick={() => setConfirming(false)}>
          Cancel
        </Button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
