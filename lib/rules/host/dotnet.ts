import { DOTNET_RELEASES } from "@/lib/facts";

export { DOTNET_RELEASES };

/**
 * Release values Microsoft documents as seen on installed systems (reference §1.3, "Release values seen"):
 * the values servers actually report, for which rules may prepare their outcomes once.
 */
export const DOTNET_RELEASES_SEEN: readonly number[] = [
  378389, 378675, 378758, 379893, 393295, 393297, 394254, 394271, 394802, 394806, 460798, 460805, 461308, 461310, 461808, 461814,
  528040, 528372, 528449, 528049, 533509, 533320, 533325,
];

/** Cloud sync minimum: .NET Framework 4.7.1 (Release >= 461308). */
export const DOTNET_MIN_RELEASE = 461308;
export const DOTNET_MIN_VERSION = "4.7.1";

export const DOTNET_RELEASE_KEY = "HKLM:\\SOFTWARE\\Microsoft\\NET Framework Setup\\NDP\\v4\\Full";

/** The name of each DOTNET_RELEASES entry, in the same order, built once. */
const VERSION_NAMES: readonly string[] = DOTNET_RELEASES.map((entry, index) =>
  index === DOTNET_RELEASES.length - 1 ? `.NET Framework ${entry.version} or later` : `.NET Framework ${entry.version}`,
);

/**
 * ".NET Framework 4.8" for 528449; "older than .NET Framework 4.5" below the table;
 * the newest known version gets "or later" because newer releases only raise the number.
 */
export function dotnetVersionName(release: number): string {
  let match = -1;
  for (let i = 0; i < DOTNET_RELEASES.length; i++) {
    if (release >= DOTNET_RELEASES[i].minRelease) match = i;
  }
  return match < 0 ? "older than .NET Framework 4.5" : VERSION_NAMES[match];
}
