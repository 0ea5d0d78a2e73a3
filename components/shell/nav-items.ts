import type { Permission } from "@/lib/auth/roles";

export interface NavItem {
  href: string;
  label: string;
  permission: Permission;
}

/** The navigation, in order. Items a role may not open are hidden. */
export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/", label: "Overview", permission: "read" },
  { href: "/servers", label: "Servers", permission: "read" },
  { href: "/plan", label: "Action plan", permission: "read" },
  { href: "/uploads", label: "Uploads", permission: "read" },
  { href: "/rules", label: "Rules", permission: "read" },
  { href: "/domains", label: "Domains & gMSA", permission: "read" },
  { href: "/tenant", label: "Tenant & scope", permission: "read" },
  { href: "/rollout", label: "Rollout", permission: "read" },
  { href: "/audit", label: "Audit log", permission: "plan" },
  { href: "/reports", label: "Reports", permission: "report" },
  { href: "/settings", label: "Settings", permission: "administer" },
];
