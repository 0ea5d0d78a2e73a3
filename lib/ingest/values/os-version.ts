/** What an OS version string tells: "10.0.17763", build 17763, UBR 5696. */
export interface OsVersionParts {
  version?: string;
  build?: number;
  ubr?: number;
}

const DOTTED = /^(\d+)\.(\d+)\.(\d+)(?:\.(\d+))?\b/;
const MAJOR_MINOR_BUILD_PAREN = /^(\d+)\.(\d+)\s*\((\d+)(?:\.(\d+))?\)/;
const BUILD_WORD = /\bBuild\s+(\d+)(?:\.(\d+))?/i;
const BARE_BUILD = /^(\d{4,5})(?:\.(\d+))?$/;

/**
 * Accepts: "10.0.17763.5696" (four-part, with UBR), "10.0.17763", "10.0.17763 N/A Build 17763" (systeminfo),
 * "6.1.7601 Service Pack 1 Build 7601", "10.0 (20348)" (Get-ADDomainController OperatingSystemVersion), "17763".
 */
export function parseOsVersion(raw: string): OsVersionParts | undefined {
  const text = raw.trim();
  if (text === "") return undefined;
  const dotted = DOTTED.exec(text);
  if (dotted) {
    const parts: OsVersionParts = { version: `${dotted[1]}.${dotted[2]}.${dotted[3]}`, build: Number(dotted[3]) };
    if (dotted[4] !== undefined) parts.ubr = Number(dotted[4]);
    return parts;
  }
  const paren = MAJOR_MINOR_BUILD_PAREN.exec(text);
  if (paren) {
    const parts: OsVersionParts = { version: `${paren[1]}.${paren[2]}.${paren[3]}`, build: Number(paren[3]) };
    if (paren[4] !== undefined) parts.ubr = Number(paren[4]);
    return parts;
  }
  const bare = BARE_BUILD.exec(text);
  if (bare) {
    const parts: OsVersionParts = { build: Number(bare[1]) };
    if (bare[2] !== undefined) parts.ubr = Number(bare[2]);
    return parts;
  }
  const word = BUILD_WORD.exec(text);
  if (word) {
    const parts: OsVersionParts = { build: Number(word[1]) };
    if (word[2] !== undefined) parts.ubr = Number(word[2]);
    return parts;
  }
  return undefined;
}
