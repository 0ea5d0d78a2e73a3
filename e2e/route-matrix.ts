import type { Permission } from "@/lib/auth/roles";

/**
 * Every page and route handler in app/, with the permission it requires. e2e/route-matrix.test.ts fails
 * when a page.tsx or route.ts exists without an entry here (or an entry without a file), and
 * e2e/role-matrix.spec.ts walks each entry with every role and with no credentials.
 */
export interface RouteEntry {
  /** The route as a file-system pattern, e.g. "/servers/[name]". */
  route: string;
  /** A concrete URL to request, e.g. "/servers/example.corp.contoso.com". */
  sample: string;
  access: Permission | "public";
  /** Statuses that count as "allowed" (the handler ran), e.g. 400 for a deliberately empty body, 404 for a sample id that does not exist. */
  allowedStatuses?: number[];
}

export interface ApiRouteEntry extends RouteEntry {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Body for write methods (sent as JSON unless it is FormData). */
  body?: unknown;
}

export const PAGE_ROUTES: readonly RouteEntry[] = [
  { route: "/", sample: "/", access: "read" },
  { route: "/login", sample: "/login", access: "public" },
  { route: "/servers", sample: "/servers", access: "read" },
  // The sample server does not exist: a reader gets the 404 page, which proves the permission check passed.
  { route: "/servers/[fqdn]", sample: "/servers/no-such-server.example", access: "read", allowedStatuses: [404] },
  { route: "/uploads", sample: "/uploads", access: "read" },
  // The sample id does not exist: a reader gets the 404 page, which proves the permission check passed.
  { route: "/uploads/[id]", sample: "/uploads/no-such-upload", access: "read", allowedStatuses: [404] },
  { route: "/plan", sample: "/plan", access: "read" },
  { route: "/rules", sample: "/rules", access: "read" },
  { route: "/rules/[id]", sample: "/rules/host-memory", access: "read" },
  { route: "/domains", sample: "/domains", access: "read" },
  { route: "/tenant", sample: "/tenant", access: "read" },
  { route: "/rollout", sample: "/rollout", access: "read" },
  // The sample wave does not exist: a reader gets the 404 page, which proves the permission check passed.
  { route: "/rollout/waves/[id]", sample: "/rollout/waves/no-such-wave", access: "read", allowedStatuses: [404] },
  { route: "/rollout/waivers", sample: "/rollout/waivers", access: "read" },
  { route: "/audit", sample: "/audit", access: "plan" },
  { route: "/reports", sample: "/reports", access: "report" },
  { route: "/reports/changes", sample: "/reports/changes", access: "report" },
  { route: "/settings", sample: "/settings", access: "administer" },
];

export const API_ROUTES: readonly ApiRouteEntry[] = [
  { method: "GET", route: "/api/health", sample: "/api/health", access: "public" },
  { method: "GET", route: "/api/me", sample: "/api/me", access: "read" },
  { method: "GET", route: "/api/uploads", sample: "/api/uploads", access: "read" },
  // Without a file the handler answers 400: reaching it is what "allowed" means here.
  { method: "POST", route: "/api/uploads", sample: "/api/uploads", access: "upload", allowedStatuses: [400] },
  { method: "GET", route: "/api/uploads/[id]", sample: "/api/uploads/no-such-upload", access: "read", allowedStatuses: [404] },
  { method: "GET", route: "/api/uploads/[id]/entries", sample: "/api/uploads/no-such-upload/entries", access: "read", allowedStatuses: [404] },
  { method: "DELETE", route: "/api/uploads/[id]", sample: "/api/uploads/no-such-upload", access: "upload", allowedStatuses: [404] },
  { method: "GET", route: "/api/uploads/jobs/[id]", sample: "/api/uploads/jobs/no-such-job", access: "upload", allowedStatuses: [404] },
  { method: "GET", route: "/collector", sample: "/collector", access: "read" },
  { method: "GET", route: "/servers/[fqdn]/fix-script", sample: "/servers/no-such-server.example/fix-script", access: "read", allowedStatuses: [404] },
  { method: "GET", route: "/domains/[domain]/fix-script", sample: "/domains/no-such-domain.example/fix-script", access: "read", allowedStatuses: [404] },
  { method: "GET", route: "/api/servers", sample: "/api/servers", access: "read" },
  { method: "GET", route: "/api/servers/[name]", sample: "/api/servers/no-such-server.example", access: "read", allowedStatuses: [404] },
  { method: "GET", route: "/api/rules", sample: "/api/rules", access: "read" },
  { method: "GET", route: "/api/summary", sample: "/api/summary", access: "read" },
  { method: "GET", route: "/api/action-plan", sample: "/api/action-plan", access: "read" },
  { method: "GET", route: "/api/exports/servers.csv", sample: "/api/exports/servers.csv", access: "report" },
  { method: "GET", route: "/api/exports/results.csv", sample: "/api/exports/results.csv?q=no-such-server", access: "report" },
  { method: "GET", route: "/api/exports/servers.xlsx", sample: "/api/exports/servers.xlsx?q=no-such-server", access: "report" },
  { method: "GET", route: "/api/reports/fleet.pdf", sample: "/api/reports/fleet.pdf", access: "report" },
  { method: "GET", route: "/api/reports/servers/[name]", sample: "/api/reports/servers/no-such-server.example.pdf", access: "report", allowedStatuses: [404] },
  { method: "GET", route: "/api/reports/waves/[id]", sample: "/api/reports/waves/no-such-wave.pdf", access: "report", allowedStatuses: [404] },
  { method: "GET", route: "/api/reports/changes.pdf", sample: "/api/reports/changes.pdf", access: "report" },
  { method: "GET", route: "/api/audit", sample: "/api/audit", access: "plan" },
  { method: "GET", route: "/api/openapi.json", sample: "/api/openapi.json", access: "public" },
  { method: "GET", route: "/api/waves", sample: "/api/waves", access: "read" },
  // Without a body the handlers below answer 400 (or 404 for a sample that does not exist): reaching them is what "allowed" means.
  { method: "POST", route: "/api/waves", sample: "/api/waves", access: "plan", allowedStatuses: [400] },
  { method: "GET", route: "/api/waves/[id]", sample: "/api/waves/no-such-wave", access: "read", allowedStatuses: [404] },
  { method: "PATCH", route: "/api/waves/[id]", sample: "/api/waves/no-such-wave", access: "plan", allowedStatuses: [400] },
  { method: "PATCH", route: "/api/servers/[name]/rollout", sample: "/api/servers/no-such-server.example/rollout", access: "plan", allowedStatuses: [404] },
  { method: "POST", route: "/api/rollout/bulk", sample: "/api/rollout/bulk", access: "plan", allowedStatuses: [400] },
  // Without a file the handler answers 400.
  { method: "POST", route: "/api/rollout/plan", sample: "/api/rollout/plan", access: "plan", allowedStatuses: [400] },
  { method: "GET", route: "/api/waivers", sample: "/api/waivers", access: "read" },
  { method: "POST", route: "/api/waivers", sample: "/api/waivers", access: "plan", allowedStatuses: [400] },
  { method: "GET", route: "/api/waivers/[id]", sample: "/api/waivers/no-such-waiver", access: "read", allowedStatuses: [404] },
  // `version` is required (400 without it): with one, the handler looks the waiver up and answers 404.
  { method: "DELETE", route: "/api/waivers/[id]", sample: "/api/waivers/no-such-waiver", access: "plan", allowedStatuses: [404], body: { version: 1 } },
  { method: "POST", route: "/api/waivers/[id]/approve", sample: "/api/waivers/no-such-waiver/approve", access: "plan", allowedStatuses: [404], body: { version: 1 } },
  { method: "POST", route: "/api/waivers/[id]/reject", sample: "/api/waivers/no-such-waiver/reject", access: "plan", allowedStatuses: [404] },
];
