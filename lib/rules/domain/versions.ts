/** Names for Active Directory version numbers, for messages and evidence. */

/** objectVersion of CN=Schema,CN=Configuration (find-active-directory-schema table; 13 from the troubleshoot page). */
const SCHEMA_VERSIONS: ReadonlyMap<number, string> = new Map([
  [13, "Windows 2000 Server"],
  [30, "Windows Server 2003"],
  [31, "Windows Server 2003 R2"],
  [44, "Windows Server 2008"],
  [47, "Windows Server 2008 R2"],
  [56, "Windows Server 2012"],
  [69, "Windows Server 2012 R2"],
  [87, "Windows Server 2016"],
  [88, "Windows Server 2019/2022"],
  [89, "Windows Server 2025 upgrade in progress (sch89.ldf applied, sch90/sch91 not)"],
  [90, "Windows Server 2025 upgrade in progress (sch90.ldf applied, sch91 not)"],
  [91, "Windows Server 2025"],
]);

export function schemaVersionName(version: number): string {
  const known = SCHEMA_VERSIONS.get(version);
  if (known) return known;
  if (version > 91) return "newer than Windows Server 2025";
  return "not a released schema version (pre-release or unknown)";
}

/** msDS-Behavior-Version (domain and forest functional levels). */
const FUNCTIONAL_LEVELS: ReadonlyMap<number, string> = new Map([
  [0, "Windows 2000"],
  [1, "Windows Server 2003 interim"],
  [2, "Windows Server 2003"],
  [3, "Windows Server 2008"],
  [4, "Windows Server 2008 R2"],
  [5, "Windows Server 2012"],
  [6, "Windows Server 2012 R2"],
  [7, "Windows Server 2016"],
  [10, "Windows Server 2025"],
]);

export function functionalLevelName(level: number): string {
  return FUNCTIONAL_LEVELS.get(level) ?? (level > 10 ? "newer than Windows Server 2025" : "unknown level");
}

/** Windows Server major release from an OS caption such as "Windows Server 2012 R2 Datacenter", or undefined. */
export function serverYearFromCaption(caption: string): number | undefined {
  const match = /windows\s+server\s*(\d{4})/i.exec(caption);
  return match ? Number(match[1]) : undefined;
}
