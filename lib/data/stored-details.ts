import "server-only";
import { z } from "zod";
import type { DomainDetails } from "@/lib/readiness";

// Stored DomainDetails JSON (DomainEvaluation.detailsJson, written by lib/data/ingest/reevaluate.ts from
// lib/readiness describeDomain) back into the typed details. The shape is checked at the top level; a row
// written before the column existed (null) or that does not parse gives null, and the page says so.

const detailsSchema = z.object({
  aclExports: z.array(z.object({ subject: z.string(), judged: z.boolean() }).loose()),
  scope: z.object({ limits: z.record(z.string(), z.number()), configurations: z.array(z.unknown()).nullable(), results: z.array(z.unknown()) }).loose(),
});

export function parseStoredDetails(json: string | null): DomainDetails | null {
  if (json === null) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  // The details are written by this application only; their top-level shape is checked, the rest trusted.
  return detailsSchema.safeParse(raw).success ? (raw as DomainDetails) : null;
}
