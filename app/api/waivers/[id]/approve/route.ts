import { waiverChangeHandler } from "@/lib/api/waiver-responses";
import { waiverVersionSchema } from "@/lib/api/waiver-schemas";
import { apiRoute } from "@/lib/auth/guards";
import { approveWaiver } from "@/lib/data/waivers";

export const dynamic = "force-dynamic";

/** Approve a pending blocker waiver: an admin other than the requester; `version` required (stale: 409). */
export const POST = apiRoute(
  "plan",
  waiverChangeHandler(waiverVersionSchema, (id, input, caller) => approveWaiver(id, input.version, caller)),
);
