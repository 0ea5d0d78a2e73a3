import { own, readEnum, readNumber, readString } from "./read";

/**
 * Windows build -> Windows Server version mapping (reference §1.2): 2016 = 14393, 2019 = 17763,
 * 2022 = 20348 (hcsshim osversion constants), 2025 = 26100 (24H2 LTSC; consistent across sources,
 * low-risk UNCERTAIN). Client Windows shares some of these builds (Windows 10 1607 = 14393,
 * 1809 = 17763, Windows 11 24H2 = 26100), so a build alone never proves a server.
 */
export type ServerYear = 2016 | 2019 | 2022 | 2025;

/** Build number of each supported Windows Server version. */
export const SERVER_BUILDS: Readonly<Record<ServerYear, number>> = {
  2016: 14393,
  2019: 17763,
  2022: 20348,
  2025: 26100,
};
export const SUPPORTED_SERVER_YEARS: readonly ServerYear[] = [2016, 2019, 2022, 2025];
/** Build of the oldest supported server (2016). */
export const MIN_SUPPORTED_BUILD = SERVER_BUILDS[2016];
export const WINDOWS_SERVER_2025_BUILD = SERVER_BUILDS[2025];

const SERVER_BY_BUILD = new Map<number, ServerYear>(SUPPORTED_SERVER_YEARS.map((year) => [SERVER_BUILDS[year], year]));

export function serverYearForBuild(build: number): ServerYear | undefined {
  return SERVER_BY_BUILD.get(build);
}

/** "10.0.17763", "10.0.17763.5696", "10.0.17763 N/A Build 17763" (systeminfo) -> build and UBR. */
const VERSION_STRING = /^\s*(\d+)\.(\d+)\.(\d+)(?:\.(\d+))?/;

export function parseVersionString(version: string): { build: number; ubr?: number } | undefined {
  const fast = parseDigitsFast(version);
  if (fast !== null) return fast;
  const match = VERSION_STRING.exec(version);
  if (!match) return undefined;
  const build = Number(match[3]);
  const ubr = match[4] === undefined ? undefined : Number(match[4]);
  return Number.isSafeInteger(build) ? { build, ubr } : undefined;
}

const ZERO = 48;
const NINE = 57;
const DOT_CODE = 46;
/** Longest digit run read by hand: up to 15 digits the value is exact, as Number() would give it. */
const MAX_DIGITS = 15;

/**
 * parseVersionString for the usual "10.0.17763" / "10.0.17763.5696" text, read without a regular expression
 * (no match array per host). Null when the text is anything else (leading space, long digit runs, no match):
 * the regular expression then decides, so both paths give the same answer.
 */
function parseDigitsFast(version: string): { build: number; ubr?: number } | null {
  let i = 0;
  let build = 0;
  for (let part = 0; part < 3; part++) {
    if (part > 0) {
      if (version.charCodeAt(i) !== DOT_CODE) return null;
      i++;
    }
    const start = i;
    let value = 0;
    for (let code = version.charCodeAt(i); code >= ZERO && code <= NINE; code = version.charCodeAt(++i)) value = value * 10 + (code - ZERO);
    if (i === start || i - start > MAX_DIGITS) return null;
    build = value;
  }
  let ubr: number | undefined;
  const next = version.charCodeAt(i + 1);
  if (version.charCodeAt(i) === DOT_CODE && next >= ZERO && next <= NINE) {
    const start = ++i;
    let value = 0;
    for (let code = version.charCodeAt(i); code >= ZERO && code <= NINE; code = version.charCodeAt(++i)) value = value * 10 + (code - ZERO);
    if (i - start > MAX_DIGITS) return null;
    ubr = value;
  }
  return { build, ubr };
}

/** "Microsoft Windows Server 2019 Datacenter" -> 2019; "Windows Server 2012 R2 Standard" -> 2012. */
const CAPTION_YEAR = /windows\s+server\s+(\d{4})\b/i;

export function serverYearFromCaption(caption: string): number | undefined {
  const match = CAPTION_YEAR.exec(caption);
  return match ? Number(match[1]) : undefined;
}

const CLIENT_CAPTION = /\bwindows\s+(?:xp|vista|7|8(?:\.1)?|10|11)\b/i;
const SERVER_WORD = /\bserver\b/i;

export type Edition = "server" | "client";

export interface ResolvedOs {
  /** Build number, from host.os.build, else parsed from host.os.version. */
  build?: number;
  /** Fact path the build came from. */
  buildFact?: "host.os.build" | "host.os.version";
  ubr?: number;
  /** Server or client, from productType, installationType, caption or serverLevel (first that says). */
  edition?: Edition;
  editionFact?: string;
  /** Server year named in the caption, if any (may be an unsupported one such as 2012). */
  captionYear?: number;
  caption?: string;
  version?: string;
  productType?: string;
  installationType?: string;
  /** The supported server version this host runs, when the facts prove it (build, else caption). */
  supportedYear?: ServerYear;
}

const PRODUCT_TYPES = ["workstation", "domain-controller", "server"] as const;
const INSTALLATION_TYPES = ["Client", "Server", "Server Core", "Nano Server"] as const;
const SERVER_LEVELS = ["Unknown", "NanoServer", "ServerCore", "ServerCoreWithManagementTools", "FullServer"] as const;

/**
 * The last host.os object resolved and its result. Five host rules resolve the same host's OS one after the
 * other, so it is worked out once per host: derived data of one immutable input, keyed by that object and
 * replaced as soon as another host's OS is read (never a rule result, never shared between hosts).
 */
let memoOs: object | undefined;
let memoResolved: ResolvedOs | undefined;

/**
 * Reads host.os defensively and derives build, edition and supported server year.
 * The result may be shared with the other rules reading the same host: never modify it.
 */
export function resolveOs(host: unknown): Readonly<ResolvedOs> {
  const os = own(host, "os");
  if (typeof os !== "object" || os === null) return computeOs(os);
  if (os !== memoOs || memoResolved === undefined) {
    memoResolved = computeOs(os);
    memoOs = os;
  }
  return memoResolved;
}

function computeOs(os: unknown): ResolvedOs {
  const caption = readString(own(os, "caption"));
  const version = readString(own(os, "version"));
  const productType = readEnum(own(os, "productType"), PRODUCT_TYPES);
  const installationType = readEnum(own(os, "installationType"), INSTALLATION_TYPES);
  const serverLevel = readEnum(own(os, "serverLevel"), SERVER_LEVELS);
  const rawBuild = readNumber(own(os, "build"));
  const rawUbr = readNumber(own(os, "ubr"));
  const parsed = version ? parseVersionString(version) : undefined;

  const result: ResolvedOs = { caption, version, productType, installationType };
  if (rawBuild !== undefined && Number.isInteger(rawBuild) && rawBuild > 0) {
    result.build = rawBuild;
    result.buildFact = "host.os.build";
  } else if (parsed) {
    result.build = parsed.build;
    result.buildFact = "host.os.version";
  }
  const ubr = rawUbr !== undefined && Number.isInteger(rawUbr) && rawUbr >= 0 ? rawUbr : parsed?.ubr;
  if (ubr !== undefined) result.ubr = ubr;

  if (productType) {
    result.edition = productType === "workstation" ? "client" : "server";
    result.editionFact = "host.os.productType";
  } else if (installationType) {
    result.edition = installationType === "Client" ? "client" : "server";
    result.editionFact = "host.os.installationType";
  } else if (caption && SERVER_WORD.test(caption)) {
    result.edition = "server";
    result.editionFact = "host.os.caption";
  } else if (caption && CLIENT_CAPTION.test(caption)) {
    result.edition = "client";
    result.editionFact = "host.os.caption";
  } else if (serverLevel && serverLevel !== "Unknown") {
    result.edition = "server";
    result.editionFact = "host.os.serverLevel";
  }

  if (caption) result.captionYear = serverYearFromCaption(caption);

  if (result.edition === "server") {
    if (result.build !== undefined) {
      result.supportedYear = serverYearForBuild(result.build);
    } else if (result.captionYear !== undefined) {
      const captionYear = result.captionYear;
      result.supportedYear = SUPPORTED_SERVER_YEARS.find((year) => year === captionYear);
    }
  }
  return result;
}

/** Human name for a build: "Windows Server 2022 (build 20348)" or "build 19045". */
export function describeBuild(build: number, edition?: Edition): string {
  const year = serverYearForBuild(build);
  if (year && edition !== "client") return `Windows Server ${year} (build ${build})`;
  return `build ${build}`;
}

/** Facts an OS rule reports as evidence "actual". */
export function osSnapshot(os: Readonly<ResolvedOs>): Record<string, string | number | null> {
  return {
    caption: os.caption ?? null,
    version: os.version ?? null,
    build: os.build ?? null,
    productType: os.productType ?? null,
    installationType: os.installationType ?? null,
  };
}

export const OS_COLLECT =
  "Get-CimInstance Win32_OperatingSystem | Select-Object Caption, Version, BuildNumber, ProductType";
