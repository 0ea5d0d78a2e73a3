import { ServerPagination } from "@/components/servers/server-pagination";

/** "Showing 51–100 of 12,345 entries" and page links that keep the filters (via `hrefFor`). */
export function AuditPagination(props: { page: number; pageSize: number; total: number; hrefFor: (page: number) => string }) {
  return <ServerPagination {...props} noun={{ one: "entry", many: "entries" }} />;
}
