import Link from "next/link";
import type { ReactNode } from "react";
import type { Caller } from "@/lib/auth/caller";
import { can } from "@/lib/auth/roles";
import { NAV_ITEMS } from "./nav-items";
import { SidebarNav } from "./sidebar-nav";
import { ThemeToggle } from "./theme-toggle";
import { UserMenu } from "./user-menu";

/** The signed-in frame: header, navigation (left on wide screens, top on narrow ones) and content. */
export function AppShell({ caller, children }: { caller: Caller | null; children: ReactNode }) {
  const items = caller ? NAV_ITEMS.filter((item) => can(caller.role, item.permission)) : [];
  return (
    <div className="min-h-full">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="sticky top-0 z-20 border-b border-slate-200 bg-white/95 backdrop-blur dark:border-slate-800 dark:bg-slate-900/95">
        <div className="mx-auto flex h-14 max-w-screen-2xl items-center justify-between gap-4 px-4">
          <Link href="/" className="flex items-center gap-2 font-semibold">
            <span aria-hidden="true" className="grid h-7 w-7 place-items-center rounded bg-brand-600 text-xs font-bold text-white">
              CS
            </span>
            <span className="text-sm sm:text-base">Cloud Sync Readiness</span>
          </Link>
          <div className="flex items-center gap-3">
            <ThemeToggle />
            {caller && <UserMenu caller={caller} />}
          </div>
        </div>
      </header>
      <div className="mx-auto flex max-w-screen-2xl flex-col gap-6 px-4 py-6 md:flex-row">
        {caller && (
          <aside className="md:w-52 md:shrink-0">
            <SidebarNav items={items} />
          </aside>
        )}
        <main id="main" className="min-w-0 flex-1">
          {children}
        </main>
      </div>
    </div>
  );
}
