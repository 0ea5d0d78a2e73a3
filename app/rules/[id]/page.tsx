import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SeverityLabel } from "@/components/readiness/status-badge";
import { LINK, RULE_SCOPE_LABELS } from "@/components/rules/labels";
import { RuleCountsSummary } from "@/components/rules/rule-counts";
import { RuleExamples } from "@/components/rules/rule-examples";
import { RuleNotes } from "@/components/rules/rule-notes";
import { RuleRemediation } from "@/components/rules/rule-remediation";
import { RuleSources } from "@/components/rules/rule-sources";
import { SourceText } from "@/components/rules/source-text";
import { ExportLinks } from "@/components/exports/export-links";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guards";
import { getRuleCounts } from "@/lib/data/rule-views";
import { countActiveWaivers } from "@/lib/data/waivers";
import { getRule } from "@/lib/rules";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  return { title: getRule(id)?.meta.id ?? "Rule" };
}

export default async function RulePage({ params }: Params) {
  await requirePage("read");
  const { id } = await params;
  const rule = getRule(id);
  if (!rule) notFound();
  const { meta } = rule;
  const [counts, waivers] = await Promise.all([getRuleCounts(meta.id), countActiveWaivers(meta.id)]);
  return (
    <>
      <PageHeader
        title={meta.title}
        description={
          <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <code className="font-mono">{meta.id}</code>
            <SeverityLabel severity={meta.severity} />
            <span>{RULE_SCOPE_LABELS[meta.scope]} rule</span>
          </span>
        }
        actions={
          <>
            <ExportLinks search={`?rule=${encodeURIComponent(meta.id)}`} label="Export failing servers" />
            <Link href="/rules" className={`${LINK} self-center text-sm`}>
              All rules
            </Link>
          </>
        }
      />
      <div className="space-y-6">
        <Card title="Servers" id="servers">
          <RuleCountsSummary ruleId={meta.id} severity={meta.severity} counts={counts} />
          <p className="mt-3 text-sm">
            <span className="font-medium">Waivers:</span> {waivers.active} active{waivers.pending > 0 ? `, ${waivers.pending} pending approval` : ""}
            {meta.severity === "blocker" && waivers.active + waivers.pending > 0 ? " (blocker waivers)" : ""} ·{" "}
            <Link href={`/rollout/waivers?rule=${encodeURIComponent(meta.id)}`} className={LINK}>
              List
            </Link>
          </p>
        </Card>
        <Card title="Why it matters" id="rationale">
          <p className="text-sm [overflow-wrap:anywhere]">
            <SourceText text={meta.rationale} />
          </p>
        </Card>
        <RuleNotes notes={meta.notes ?? []} />
        <Card title="Sources" id="sources">
          <RuleSources meta={meta} />
        </Card>
        <Card title="Remediation" id="remediation">
          <RuleRemediation remediation={meta.remediation} />
        </Card>
        <Card title={`Examples (${rule.examples.length})`} id="examples">
          <p className="-mt-2 mb-3 text-sm text-slate-600 dark:text-slate-400">
            Situations this rule decides: the facts that go in and the verdict that comes out. The rule runs on these facts as
            this page renders, so the verdict and message are exactly what a server with these facts gets.
          </p>
          <RuleExamples rule={rule} />
        </Card>
      </div>
    </>
  );
}
