import { apiError, apiRoute, zodIssues } from "@/lib/auth/guards";
import { auditPageSchema } from "@/lib/api/schemas";
import { parseAuditFilters } from "@/lib/audit/filters";
import { listAuditEntries } from "@/lib/data/audit-log";

export const dynamic = "force-dynamic";

/**
 * The audit log, newest first, with the same filters as the Audit log page (`action` (exact or a family such as
 * `rollout.`), `actor`, `actorKind`, `targetType`, `targetId`, `from`, `to`, `q`, `page`, `pageSize` ≤ 200). Admins and leads.
 */
export const GET = apiRoute("plan", async (request) => {
  const filters = parseAuditFilters(new URL(request.url).searchParams);
  if (!filters.success) {
    const issues = zodIssues(filters.error);
    return apiError(400, "bad-request", "Some filters are not valid.", issues);
  }
  return Response.json(auditPageSchema.parse(await listAuditEntries(filters.data)));
});
