import "server-only";
import { formatCause } from "@/lib/readiness";
import type { AuditActor, AuditInput } from "@/lib/audit/entry";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { RolloutBulkChange, RolloutSelection } from "@/lib/rollout/inputs";
import { parseServerFilters, serverFiltersToSearch } from "@/lib/views/server-filters";
import { appendAudit } from "../audit";
import { db } from "../db";
import { serverWhere } from "../servers";
import { RolloutRuleError } from "./errors";
import { refreshWaveGates } from "./gates";
import { resolveServerNames } from "./resolve-servers";
import { loadWaveInfo, planRolloutChange, ROLLOUT_ROW_SELECT } from "./server-rollout";
import { type ServerPatch, writeServerPatches } from "./write-patches";
import { plural } from "@/lib/text/plural";

export interface BulkOutcome {
  /** Servers the selection or filter named. */
  matched: number;
  /** Servers whose rollout fields actually changed. */
  changed: number;
}

/** A list filter as the servers page and the API carry it: a query string ("?domain=…&readiness=…") or an object. */
export function filterWhere(filter: string | Record<string, unknown>, now: Date): { where: Prisma.ServerWhereInput; label: string } {
  const params = typeof filter === "string" ? new URLSearchParams(filter.startsWith("?") ? filter.slice(1) : filter) : toSearchParams(filter);
  const parsed = parseServerFilters(params);
  if (!parsed.success) throw new RolloutRuleError(`The filter is not valid: ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`, "filter");
  const label = serverFiltersToSearch({ ...parsed.data, page: 1, pageSize: 50, sort: "verdict", dir: "asc" });
  return { where: serverWhere(parsed.data, now), label: label || "(every server)" };
}

function toSearchParams(filter: Record<string, unknown>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
    else if (value !== undefined && value !== null) params.set(key, String(value));
  }
  return params;
}

/**
 * Applies one change to a selection (names: FQDN or NetBIOS) or to every server matching a list filter, in one
 * transaction with one audit entry per changed server plus one for the whole operation. Names that do not
 * resolve refuse the whole change (nothing is written).
 */
export async function bulkUpdateRollout(selection: RolloutSelection, change: RolloutBulkChange, actor: AuditActor, now = new Date()): Promise<BulkOutcome> {
  const outcome = await db().$transaction(
    async (tx) => {
      let where: Prisma.ServerWhereInput;
      let label: string;
      if ("servers" in selection) {
        const { ids, problems } = await resolveServerNames(tx, selection.servers);
        if (problems.size > 0) {
          const list = [...problems.values()];
          throw new RolloutRuleError(`${list.length} of the names do not resolve, so nothing was changed: ${list.slice(0, 10).join(" ")}${list.length > 10 ? " …" : ""}`, "servers");
        }
        where = { id: { in: [...new Set(ids.values())] } };
        label = `${plural(ids.size, "selected server")}`;
      } else {
        ({ where, label } = filterWhere(selection.filter, now));
      }
      const rows = await tx.server.findMany({ where, select: ROLLOUT_ROW_SELECT });
      const waves = await loadWaveInfo(tx);
      const updates: { id: string; data: ServerPatch }[] = [];
      const audits: AuditInput[] = [];
      let gateChanged = false;
      for (const row of rows) {
        const plan = planRolloutChange(row, change, waves, actor, now);
        if (!plan) continue;
        gateChanged ||= plan.membershipChanged || plan.gateStatusChanged;
        updates.push({ id: row.id, data: plan.data });
        audits.push(...plan.audits);
      }
      await writeServerPatches(tx, updates, actor, now);
      const changed = updates.length;
      if (changed > 0) {
        const waveName = change.waveId ? waves.get(change.waveId)?.name : undefined;
        audits.push({
          actor,
          action: "rollout.bulk",
          targetType: "server",
          targetLabel: label,
          after: { ...change, ...(waveName ? { waveName } : {}) },
          summary: `changed ${changed} of ${plural(rows.length, "server")} matching ${label}`,
        });
        await appendAudit(tx, audits, now);
      }
      return { matched: rows.length, changed, gateChanged };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  if (outcome.gateChanged) await refreshWaveGates(formatCause({ kind: "rollout", change: "bulk" }), now);
  return { matched: outcome.matched, changed: outcome.changed };
}
