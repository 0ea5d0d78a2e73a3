/**
 * .NET Framework 4.5+ `Release` DWORD -> version name, from Microsoft's "Determine which .NET Framework
 * versions are installed" table (reference §1.3, [NETFX], ms.date 2025-10-20). Each entry is the
 * smallest Release value of that version; test with >=. Key:
 * HKLM\SOFTWARE\Microsoft\NET Framework Setup\NDP\v4\Full, value Release (no leading dot in "NET Framework Setup").
 * Shared by the parsers (a version written as text) and the rules (the minimum).
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

const VERSION_TEXT = /^(?:\.?net(?:\s*framework)?\s*)?v?(4\.\d(?:\.\d)?)(?:\.\d{3,5})?(?:\s*\(.*\))?$/i;

/**
 * A .NET Framework version written as text where the Release DWORD was expected (".NET 4.8.1", "4.8",
 * ".NET Framework 4.7.2", "v4.8", "4.8.09032", the registry's Version value "4.8.04084" included): the smallest
 * Release of that version, or undefined when the text names no 4.5+ version of the table. The lowest Release of a
 * version is a safe reading: a rule that needs that version passes, one that needs a later one does not.
 */
export function dotnetReleaseOfVersionText(text: string): { version: string; minRelease: number } | undefined {
  const match = VERSION_TEXT.exec(text.trim());
  if (!match) return undefined;
  return DOTNET_RELEASES.find((entry) => entry.version === match[1]);
}
