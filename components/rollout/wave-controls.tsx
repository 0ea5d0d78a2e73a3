"use client";

import { archiveWaveAction, moveWaveAction } from "@/app/rollout/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";

/** Moves a wave one place up or down in the order. */
export function MoveWaveButtons({ id, name, version, position, count }: { id: string; name: string; version: number; position: number; count: number }) {
  const { state, onSubmit, pending } = useFormAction(moveWaveAction);
  return (
    <div className="flex items-center gap-1">
      {[
        { to: position - 1, label: "↑", title: `Move ${name} up`, disabled: position <= 1 },
        { to: position + 1, label: "↓", title: `Move ${name} down`, disabled: position >= count },
      ].map((move) => (
        <form key={move.label} onSubmit={onSubmit}>
          <input type="hidden" name="id" value={id} />
          <input type="hidden" name="version" value={version} />
          <input type="hidden" name="position" value={move.to} />
          <Button type="submit" variant="ghost" className="px-2 py-0.5" disabled={pending || move.disabled} aria-label={move.title} title={move.title}>
            {move.label}
          </Button>
        </form>
      ))}
      {state && !state.ok && <FormMessage state={state} />}
    </div>
  );
}

/** Archives a wave (its servers become free to join another wave) or restores it. */
export function ArchiveWaveButton({ id, name, version, archived }: { id: string; name: string; version: number; archived: boolean }) {
  const { state, onSubmit, pending } = useFormAction(archiveWaveAction);
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="archived" value={archived ? "false" : "true"} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {archived ? `Restore ${name}` : `Archive ${name}`}
      </Button>
      <FormMessage state={state} />
    </form>
  );
}
