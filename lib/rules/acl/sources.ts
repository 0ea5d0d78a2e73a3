/** Notes shared by every gMSA ACL rule. */
export const COMMON_ACL_NOTES: readonly string[] = [
  "The documented permissions are granted on the domain root ([GMSA-CMD]); the rule judges the ACL export of the domain root and says so in evidence when the export is for another object.",
  "Since agent 1.1.2334.0 Add-AADCloudSyncADDomain no longer sets AD permissions on a custom gMSA: administrators must grant them ([VERHIST]).",
  "Grants to a group count only when group membership data (domain.groupMemberships) is supplied; the status then says covered-by-group. Everyone, Authenticated Users and This Organization are in every domain account's token, so their Allow and Deny ACEs count without membership data.",
  "ACE order is honoured: a Deny evaluated after an Allow that already grants the same rights takes nothing away. Get-Acl, SDDL and collector exports keep the DACL's order; for dsacls text only canonical order is assumed (an explicit Allow precedes an inherited Deny), and any other matching Deny is treated as winning.",
  "A Deny that removes only part of a permission (one property out of all properties, one right out of Full control, one class, one level) is a warning, not a blocker. \"Protect object from accidental deletion\" (Deny Everyone: delete / delete all child objects, this object only) is harmless and ignored.",
  "SelfAndChildren/Children inheritance reaches one level of children only and is not accepted as covering all descendants.",
  "Objects with inheritance disabled or protected by AdminSDHolder do not receive domain-root ACEs; see the domain-protected-objects rule.",
];
