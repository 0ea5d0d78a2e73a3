"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { actorFromCaller } from "@/lib/audit/entry";
import { defineAction } from "@/lib/auth/action";
import { deleteUpload } from "@/lib/data/ingest/delete-upload";

/** Deletes an upload with its facts and re-evaluates the servers it touched (one transaction). */
export const deleteUploadAction = defineAction("upload", z.object({ uploadId: z.string().min(1).max(64) }), async ({ uploadId }, caller) => {
  if (!await deleteUpload(uploadId, actorFromCaller(caller))) return { ok: false, message: "That upload no longer exists; it may have been deleted already." };
  // Servers, domains, the overview and reports all read the facts this upload carried.
  revalidatePath("/", "layout");
  redirect("/uploads?deleted=1");
});
