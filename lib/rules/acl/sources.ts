/** Notes shared by every gMSA ACL rule. */
export const COMMON_ACL_NOTES: readonly string[] = [
  "The documented permissions are granted on the domain root ([GMSA-CMD]); the rule judges the ACL export of the domain root and says so in evidence when the export is for another object.",
  "Since agent 1.1.2334.0 Add-AADCloudSyncADDomain no longer sets AD permissions on a custom gMSA: administrators must grant them ([VERHIST]).",
  "Grants to a group count only when group membership data (domain.groupMemberships) is supplied; the status then says covered-by-group.",
  "Deny ACE order is not evaluated: any Deny ACE for the gMSA or its groups is treated as cancelling the permission, although in canonical order an explicit allow is evaluated before an inherited deny.",
  "SelfAndChildren/Children inheritance reaches one level of children only and is not accepted as covering all descendants.",
  "Objects with inheritance disabled or protected by AdminSDHolder do not receive domain-root ACEs; see the domain-protected-objects rule.",
];
