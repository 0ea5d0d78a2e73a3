"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/auth/action";
import { loadDemoFleet } from "@/lib/data/demo";
import { plural } from "@/lib/text/plural";

/** Loads the demo fleet through the real ingest path (admins only; a second load changes nothing). */
export const loadDemoAction = defineAction("upload", z.object({}), async (_input, caller) => {
  const summary = await loadDemoFleet({ uploadedBy: caller.kind === "session" ? { name: caller.email, userId: caller.userId } : { name: `token:${caller.name}` } });
  revalidatePath("/", "layout");
  return { ok: true, message: `Loaded the demo fleet: ${plural(summary.servers, "server")} from ${plural(summary.files.length, "file")} (${summary.committed} new, ${summary.duplicates} already loaded).` };
});
