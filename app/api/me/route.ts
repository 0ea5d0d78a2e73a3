import { apiRoute } from "@/lib/auth/guards";

export const dynamic = "force-dynamic";

/** The caller's identity and role: `{ name, role, kind }`. */
export const GET = apiRoute("read", async (_request, caller) => {
  const body =
    caller.kind === "session"
      ? { name: caller.name, email: caller.email, role: caller.role, kind: caller.kind }
      : { name: caller.name, role: caller.role, kind: caller.kind };
  return Response.json(body, { headers: { "Cache-Control": "no-store" } });
});
