import { z } from "zod";
import { apiError, apiRoute } from "@/lib/auth/guards";
import { getServerRuleContext } from "@/lib/data/server-views";
import { getServerDetail } from "@/lib/data/servers";
import { buildFixScript, fixScriptFileName } from "@/lib/remediation/fix-script";
import { decodedSegment } from "@/lib/http/path-segment";
import { scriptDownload } from "@/lib/remediation/script-download";
import { getRule, RULESET_VERSION } from "@/lib/rules";

const paramsSchema = z.object({ fqdn: z.string().min(1).max(300) });

/** GET /servers/<fqdn>/fix-script: the server's PowerShell fix script as a download (UTF-8 with BOM, CRLF, for Windows PowerShell 5.1). */
export const GET = apiRoute("read", async (_request, _caller, context) => {
  const { fqdn } = paramsSchema.parse(await context.params);
  const server = await getServerDetail(decodedSegment(fqdn));
  if (!server) return apiError(404, "not-found", "There is no server with this name.");
  const ctx = await getServerRuleContext(server);
  const script = buildFixScript({
    server: { name: server.name, fqdn: server.fqdn },
    generatedAt: new Date().toISOString(),
    rulesetVersion: server.rulesetVersion || RULESET_VERSION,
    results: server.hostResults,
    ctx,
    getRule,
  });
  return scriptDownload(script, fixScriptFileName(server.name));
});
