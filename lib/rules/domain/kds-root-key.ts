import { prop, readString, readTime } from "./read";

/**
 * KDS root key timing, as documented in "Create a Key Distribution Service (KDS) root key": domain controllers wait
 * up to 10 hours from a key's creation before they let a gMSA be created, so AD replication can converge. The
 * wait is measured from the key's EffectiveTime: -EffectiveImmediately sets EffectiveTime = creation time, and the
 * documented lab shortcut (Add-KdsRootKey -EffectiveTime ((Get-Date).AddHours(-10))) skips the wait by back-dating
 * EffectiveTime by exactly 10 hours. Hence: a key is usable from EffectiveTime + 10 h.
 */
export const KDS_REPLICATION_WAIT_MS = 10 * 60 * 60 * 1000;

export interface KdsKeyView {
  index: number;
  id?: string;
  effectiveMs?: number;
  createdMs?: number;
  rawEffective: unknown;
  rawCreated: unknown;
}

/**
 * - usable: EffectiveTime at least 10 h before asOf (and, when CreationTime is known, created at least 10 h before);
 * - backdated: EffectiveTime was back-dated (lab shortcut) but the key was created less than 10 h ago, so other DCs
 *   may not have it yet;
 * - waiting: within the 10-hour wait now, or effective within the next 10 hours;
 * - distant: effective more than 10 hours after asOf (someone scheduled it far ahead);
 * - undecided: the effective time is missing or malformed.
 */
export type KdsKeyState = "usable" | "backdated" | "waiting" | "distant" | "undecided";

export interface ClassifiedKey {
  key: KdsKeyView;
  state: KdsKeyState;
  /** When gMSA creation becomes reliable with this key (ms since epoch). */
  readyMs?: number;
}

const STATE_ORDER: readonly KdsKeyState[] = ["usable", "backdated", "waiting", "distant", "undecided"];

export function readKdsKeys(list: readonly unknown[]): KdsKeyView[] {
  return list.map((entry, index) => {
    const rawEffective = prop(entry, "effectiveTime");
    const rawCreated = prop(entry, "createdTime");
    return {
      index,
      id: readString(prop(entry, "id")),
      effectiveMs: readTime(rawEffective),
      createdMs: readTime(rawCreated),
      rawEffective,
      rawCreated,
    };
  });
}

export function classifyKey(key: KdsKeyView, asOfMs: number): ClassifiedKey {
  if (key.effectiveMs === undefined) return { key, state: "undecided" };
  const usableMs = key.effectiveMs + KDS_REPLICATION_WAIT_MS;
  if (usableMs <= asOfMs) {
    if (key.createdMs !== undefined && key.createdMs + KDS_REPLICATION_WAIT_MS > asOfMs) {
      return { key, state: "backdated", readyMs: key.createdMs + KDS_REPLICATION_WAIT_MS };
    }
    return { key, state: "usable", readyMs: usableMs };
  }
  if (key.effectiveMs <= asOfMs + KDS_REPLICATION_WAIT_MS) return { key, state: "waiting", readyMs: usableMs };
  return { key, state: "distant", readyMs: usableMs };
}

/** The key that decides the verdict: best state first, then the earliest ready time. */
export function bestKey(keys: readonly ClassifiedKey[]): ClassifiedKey | undefined {
  return [...keys].sort(
    (a, b) =>
      STATE_ORDER.indexOf(a.state) - STATE_ORDER.indexOf(b.state) ||
      (a.readyMs ?? Number.MAX_SAFE_INTEGER) - (b.readyMs ?? Number.MAX_SAFE_INTEGER),
  )[0];
}

