"use client";

import { approveWaiverAction, rejectWaiverAction, revokeWaiverAction } from "@/app/rollout/waivers/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";

type Kind = "approve" | "reject" | "revoke";
const ACTIONS = { approve: approveWaiverAction, reject: rejectWaiverAction, revoke: revokeWaiverAction } as const;
const LABELS: Record<Kind, string> = { approve: "Approve", reject: "Reject", revoke: "Revoke" };

/** One waiver change (sends the waiver's version: a stale page gets "changed since you loaded it"). */
export function WaiverButton({ kind, id, version, label }: { kind: Kind; id: string; version: number; label: string }) {
  const { state, onSubmit, pending } = useFormAction(ACTIONS[kind]);
  return (
    <form onSubmit={onSubmit} aria-label={`${LABELS[kind]} ${label}`} className="inline-flex flex-wrap items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <Button type="submit" variant={kind === "approve" ? "primary" : kind === "reject" ? "danger" : "secondary"} disabled={pending} className="px-2 py-1 text-xs">
        {pending ? "…" : LABELS[kind]}
      </Button>
      <FormMessage state={state} />
    </form>
  );
}
