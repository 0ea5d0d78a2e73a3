import { z } from "zod";
import { apiError, apiRoute } from "@/lib/auth/guards";
import { listDomainViews } from "@/lib/data/domain-views";
import { getServerRuleContext } from "@/lib/data/server-views";
import { buildDomainFixScript, domainFixScriptFileName } from "@/lib/remediation/domain-fix-script";
import { decodedSegment } from "@/lib/http/path-segment";
import { scriptDownload } from "@/lib/remediation/script-download";
import { getRule, RULESET_VERSION } from "@/lib/rules";

const paramsSchema = z.object({ domain: z.string().min(1).max(300) });

/**
 * GET /domains/<domain>/fix-script: the domain's PowerShell fix script (its failing domain and gMSA ACL rules) as a
 * download (UTF-8 with BOM, CRLF, for Windows PowerShell 5.1), built from the stored shared results and the latest
 * domain facts, ACL export and scope facts.
 */
export const GET = apiRoute("read", async (_request, _caller, context) => {
  const { domain } = paramsSchema.parse(await context.params);
  const key = decodedSegment(domain).trim().toLowerCase();
  const view = (await listDomainViews()).find((d) => d.domain === key);
  if (!view) return apiError(404, "not-found", "There is no domain with this name.");
  const ctx = await getServerRuleContext({ domain: view.domain, facts: {}, evaluatedAt: view.evaluatedAt });
  const script = buildDomainFixScript({
    domain: view.domain,
    generatedAt: new Date().toISOString(),
    rulesetVersion: RULESET_VERSION,
    results: [...view.domainResults, ...view.gmsaResults],
    ctx,
    titleOf: (id) => getRule(id)?.meta.title,
  });
  return scriptDownload(script, domainFixScriptFileName(view.domain));
});
