import { presentServer } from "@/lib/api/presenters";
import { apiError, apiRoute } from "@/lib/auth/guards";
import { findServerFqdn, getServerDetail, getServerHistory } from "@/lib/data/servers";

export const dynamic = "force-dynamic";

/** One server by FQDN (or by its NetBIOS name when that is unique): verdict, confidence, every result with evidence and remediation, history. */
export const GET = apiRoute("read", async (_request, _caller, context) => {
  const { name } = await context.params;
  const fqdn = typeof name === "string" ? await findServerFqdn(decodeURIComponent(name)) : null;
  const detail = fqdn ? await getServerDetail(fqdn) : null;
  if (!detail) return apiError(404, "not-found", "No server with that FQDN (or unique NetBIOS name).");
  return Response.json(presentServer(detail, await getServerHistory(detail.id)));
});
