/**
 * .NET Framework 4.5+ `Release` DWORD -> version name, from Microsoft's "Determine which .NET Framework
 * versions are installed" table (reference §1.3, [NETFX], ms.date 2025-10-20). Each entry is the
 * smallest Release value of that version; test with >=. Key:
 * HKLM\SOFTWARE\Microsoft\NET Framework Setup\NDP\v4\Full, value Release (no leading dot in "NET Framework Setup").
 */
export const DOTNET_RELEASES: readonly { version: string; minRelease: number }[] = [
  { version: "4.5", minRelease: 378389 },
  { version: "4.5.1", minRelease: 378675 },
  { version: "4.5.2", minRelease: 379893 },
  { version: "4.6", minRelease: 393295 },
  { version: "4.6.1", minRelease: 394254 },
  { version: "4.6.2", minRelease: 394802 },
  { version: "4.7", minRelease: 460798 },
  { version: "4.7.1", minRelease: 461308 },
  { version: "4.7.2", minRelease: 461808 },
  { version: "4.8", minRelease: 528040 },
  { version: "4.8.1", minRelease: 533320 },
];

/** Cloud sync minimum: .NET Framework 4.7.1 (Release >= 461308). */
export const DOTNET_MIN_RELEASE = 461308;
export const DOTNET_MIN_VERSION = "4.7.1";

export const DOTNET_RELEASE_KEY = "HKLM:\\SOFTWARE\\Microsoft\\NET Framework Setup\\NDP\\v4\\Full";

/**
 * ".NET Framework 4.8" for 528449; "older than .NET Framework 4.5" below the table;
 * the newest known version gets "or later" because newer releases only raise the number.
 */
export function dotnetVersionName(release: number): string {
  let match: { version: string; minRelease: number } | undefined;
  for (const entry of DOTNET_RELEASES) {
    if (release >= entry.minRelease) match = entry;
  }
  if (!match) return "older than .NET Framework 4.5";
  const newest = DOTNET_RELEASES[DOTNET_RELEASES.length - 1];
  return match === newest ? `.NET Framework ${match.version} or later` : `.NET Framework ${match.version}`;
}
