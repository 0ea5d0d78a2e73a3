"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/auth/action";
import { loadDemoFleet } from "@/lib/data/demo";

/** Loads the demo fleet through the real ingest path (admins only; a second load changes nothing). */
export const loadDemoAction = defineAction("upload", z.object({}), async (_input, caller) => {
  const summary = loadDemoFleet({ uploadedBy: caller.kind === "session" ? { name: caller.email, userId: caller.userId } : { name: `token:${caller.name}` } });
  revalidatePath("/", "layout");
  return { ok: true, message: `Loaded the demo fleet: ${summary.servers} servers from ${summary.files.length} files (${summary.committed} new, ${summary.duplicates} already loaded).` };
});
