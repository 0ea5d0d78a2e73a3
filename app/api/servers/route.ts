import { apiError, apiRoute, zodIssues } from "@/lib/auth/guards";
import { listServers } from "@/lib/data/servers";
import { parseServerFilters } from "@/lib/views/server-filters";

export const dynamic = "force-dynamic";

/** Servers matching the same filters as the Servers page (`q`, `readiness`, `rule`, `domain`, `os`, `site`, `tag`, `owner`, `stale`, `sort`, `dir`, `page`, `pageSize`). */
export const GET = apiRoute("read", async (request) => {
  const filters = parseServerFilters(new URL(request.url).searchParams);
  if (!filters.success) {
    const issues = zodIssues(filters.error);
    return apiError(400, "bad-request", "Some filters are not valid.", issues);
  }
  return Response.json(await listServers(filters.data));
});
