import { waiverChangeHandler } from "@/lib/api/waiver-responses";
import { waiverRejectSchema } from "@/lib/api/waiver-schemas";
import { apiRoute } from "@/lib/auth/guards";
import { rejectWaiver } from "@/lib/data/waivers";

export const dynamic = "force-dynamic";

/** Reject a pending blocker waiver: an admin other than the requester; `version` optional (stale: 409), `reason` optional. */
export const POST = apiRoute(
  "plan",
  waiverChangeHandler(waiverRejectSchema, (id, input, caller) => rejectWaiver(id, input.version, caller, input.reason)),
);
