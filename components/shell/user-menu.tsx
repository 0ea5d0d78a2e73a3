import type { Caller } from "@/lib/auth/caller";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { SignOutButton } from "@/components/auth/sign-out-button";

export function UserMenu({ caller }: { caller: Caller }) {
  return (
    <div className="flex items-center gap-3 text-sm">
      <span className="hidden text-right leading-tight sm:block">
        <span className="block font-medium" data-testid="signed-in-name">
          {caller.name}
        </span>
        <span className="block text-xs text-slate-500 dark:text-slate-400">{ROLE_LABELS[caller.role]}</span>
      </span>
      <SignOutButton />
    </div>
  );
}
