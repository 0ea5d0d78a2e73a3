import type { RuleContext } from "../types";
import type { PermissionSetId } from "./required";
import { syncFeatures } from "./sync-features";
import { featureUse, FEATURE_LABEL, usedBecause, type OptionalFeature } from "../feature/use";

/** Whether an optional feature's permission set is required, and why (feature/use.ts decides it). */
function optionalNeed(ctx: RuleContext, set: PermissionSetId, feature: OptionalFeature): PermissionSetNeed {
  const use = featureUse(ctx, feature);
  return {
    set,
    required: use.used,
    reason: use.used ? usedBecause(use, feature) : `Neither the tenant facts nor this domain's sync configurations say ${FEATURE_LABEL[feature]} is used.`,
  };
}

export interface PermissionSetNeed {
  set: PermissionSetId;
  required: boolean;
  /** Why, in one sentence. */
  reason: string;
}

const names = (list: readonly string[]) => list.join(", ");

/** The permission sets an ACL is judged against, decided as gmsa-acl-phs and gmsa-acl-writeback decide it (sync-features.ts). */
export function permissionSetNeeds(ctx: RuleContext): PermissionSetNeed[] {
  const features = syncFeatures(ctx);
  const configs = features.configurations.length > 0 ? ` (${names(features.configurations)})` : "";
  let phs: string;
  if (!features.scopeCollected) phs = "No sync scope was uploaded; password hash sync is on by default, so these rights are required.";
  else if (features.passwordHashSync) phs = `Password hash sync is on for this domain's configurations${configs}.`;
  else phs = `Every configuration of this domain has password hash sync off${configs}.`;
  let writeback: string;
  if (!features.scopeCollected) writeback = "No sync scope was uploaded; password writeback is opt-in, so these rights are not required.";
  else if (features.passwordWriteback) writeback = `Password writeback is on for this domain's configurations${configs}.`;
  else writeback = `No configuration of this domain has password writeback on${configs}.`;
  return [
    { set: "custom-gmsa", required: true, reason: "The documented permission table for the provisioning agent's gMSA." },
    { set: "password-hash-sync", required: features.passwordHashSync, reason: phs },
    { set: "password-writeback", required: features.passwordWriteback, reason: writeback },
    optionalNeed(ctx, "group-provisioning", "groupProvisioning"),
    optionalNeed(ctx, "exchange-hybrid", "exchangeHybridWriteback"),
  ];
}
