import { parseLocaleNumber } from "./numbers";
import { displayValue } from "../text/display";

/** Memory units as Windows prints them; all binary multiples (1 KB = 1024 bytes), as Windows counts. */
export type MemoryUnit = "B" | "KB" | "MB" | "GB" | "TB";

const MULTIPLIER: Record<MemoryUnit, number> = {
  B: 1,
  KB: 1024,
  MB: 1024 ** 2,
  GB: 1024 ** 3,
  TB: 1024 ** 4,
};

const UNIT_WORDS: ReadonlyArray<[RegExp, MemoryUnit]> = [
  [/^(b|bytes?|octets?)$/i, "B"],
  [/^(kb|kib|k|ko)$/i, "KB"],
  [/^(mb|mib|m|mo)$/i, "MB"],
  [/^(gb|gib|g|go)$/i, "GB"],
  [/^(tb|tib|t|to)$/i, "TB"],
];

function unitFromWord(word: string): MemoryUnit | undefined {
  for (const [pattern, unit] of UNIT_WORDS) if (pattern.test(word)) return unit;
  return undefined;
}

/** Unit named in a header: "RAM (GB)", "Memory_MB", "TotalPhysicalMemory (bytes)". */
export function unitFromHeader(header: string): MemoryUnit | undefined {
  const tokens = header.split(/[^A-Za-z]+/).filter((t) => t !== "");
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i];
    if (/^(bytes?|kb|kib|mb|mib|gb|gib|tb|tib)$/i.test(token)) return unitFromWord(token);
  }
  // "MemoryGB", "RAMinMB"
  const tail = /(bytes|kb|mb|gb|tb)$/i.exec(header.replace(/[^A-Za-z]/g, ""));
  return tail ? unitFromWord(tail[1]) : undefined;
}

export type MemoryParse =
  | { ok: true; bytes: number; unit: MemoryUnit; guessed: boolean }
  | { ok: false; message: string };

/**
 * "16", "16 GB", "16384 MB", "15,998 MB", "17179869184", "16.0 GiB".
 * The unit comes from the value, else the header, else `defaultUnit`, else the magnitude (flagged as guessed):
 * < 4096 -> GB; < 4,194,304 -> MB; < 10^9 -> KB; otherwise bytes.
 */
export function parseMemory(raw: string, hints: { headerUnit?: MemoryUnit; defaultUnit?: MemoryUnit } = {}): MemoryParse {
  const text = raw.trim();
  const match = /^([0-9][0-9\s\u00a0\u202f\u2009.,']*)\s*([A-Za-z]+)?\.?$/.exec(text);
  if (!match) return { ok: false, message: `expected an amount of memory such as "16 GB" or "17179869184"` };
  const amount = parseLocaleNumber(match[1]);
  if (amount === undefined || amount < 0) return { ok: false, message: `${displayValue(text)} is not a number` };
  let unit: MemoryUnit | undefined;
  if (match[2] !== undefined) {
    unit = unitFromWord(match[2]);
    if (unit === undefined) return { ok: false, message: `unknown memory unit ${displayValue(match[2], 20)} (use bytes, KB, MB, GB or TB)` };
  }
  let guessed = false;
  unit ??= hints.headerUnit ?? hints.defaultUnit;
  if (unit === undefined) {
    guessed = true;
    unit = amount < 4096 ? "GB" : amount < 4_194_304 ? "MB" : amount < 1e9 ? "KB" : "B";
  }
  return { ok: true, bytes: Math.round(amount * MULTIPLIER[unit]), unit, guessed };
}

export function bytesFrom(amount: number, unit: MemoryUnit): number {
  return Math.round(amount * MULTIPLIER[unit]);
}
