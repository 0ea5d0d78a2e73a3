import { unknown } from "@/lib/rules/outcome";
import type { CollectHint, Evidence, RuleContext, RuleOutcome } from "@/lib/rules/types";
import { dwordOutcomeTable } from "./frozen";
import { hostLabel, own, readDword } from "./read";
import { collectedAs, remediationScript, setDwordLines } from "./registry-script";
import { hostCollect } from "./sources";

/** Registry locations of the TLS settings the cloud sync and Entra Connect TLS documents list. */
export const SCHANNEL_TLS12 = "HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2";
export const DOTNET64_KEY = "HKLM:\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319";
export const DOTNET32_KEY = "HKLM:\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319";

export const RESTART_REMINDER = "Restart the server for the TLS registry changes to take effect.";

/**
 * State of one registry value against what the documents ask for:
 * - ok: set as required;
 * - wrong: explicitly set to a value that defeats the requirement;
 * - absent: collected, and the value/key does not exist (null);
 * - not-collected: undefined.
 */
export type ValueState = "ok" | "wrong" | "absent" | "not-collected";

export function stateOf(value: number | null | undefined, isOk: (value: number) => boolean): ValueState {
  if (value === undefined) return "not-collected";
  if (value === null) return "absent";
  return isOk(value) ? "ok" : "wrong";
}

/** A value under `host.tls`, as the path of keys below it (["dotnet64", "schUseStrongCrypto"]). */
export type TlsValuePath = readonly string[];

/** The fact path of a value under `host.tls`: "host.tls.dotnet64.schUseStrongCrypto". */
export function tlsFact(path: TlsValuePath): string {
  return `host.tls.${path.join(".")}`;
}

/** The raw DWORDs at `paths` under the host's `tls` facts, in that order. */
export function readTlsDwords(host: unknown, paths: readonly TlsValuePath[]): (number | null | undefined)[] {
  const tls = own(host, "tls");
  return paths.map((path) => {
    let value: unknown = tls;
    for (const key of path) value = own(value, key);
    return readDword(value);
  });
}

/**
 * The evaluate function of a rule over the DWORDs at `paths`: reads them and judges them with `outcomeFor`
 * (precomputed for every combination of not collected, absent, 0 and 1; see dwordOutcomeTable).
 */
export function tlsDwordEvaluator(
  paths: readonly TlsValuePath[],
  outcomeFor: (raws: readonly (number | null | undefined)[]) => RuleOutcome,
): (ctx: RuleContext) => RuleOutcome {
  const judge = dwordOutcomeTable(paths.length, outcomeFor);
  return function evaluate(ctx: RuleContext): RuleOutcome {
    return judge(readTlsDwords(own(ctx, "host"), paths));
  };
}

/** The labels whose state is `state`, comma-separated, in the given order ("" when none). */
export function labelsIn(labels: readonly string[], states: readonly ValueState[], state: ValueState): string {
  let text = "";
  for (let i = 0; i < labels.length; i++) if (states[i] === state) text = text === "" ? labels[i] : `${text}, ${labels[i]}`;
  return text;
}

/** How to read TLS values by hand (the command), with the collector as the alternative (the note). */
export function tlsCollect(command: string): CollectHint {
  return hostCollect(command);
}

/** The unknown outcome of a TLS rule: `missingFact` (the first value not collected) and the labels of all of them. */
export function tlsNotCollected(missingFact: string, command: string, notCollected: string, found: Evidence[]): RuleOutcome {
  return unknown(missingFact, tlsCollect(command), `Not collected: ${notCollected}.`, found);
}

/** One registry value a TLS remediation sets, and what was collected for it. */
export interface TlsValueFix {
  path: string;
  name: string;
  value: number;
  /** How the reason comment names the value ("TLS 1.2\\Client\\Enabled"). */
  label: string;
  raw: number | null | undefined;
  /** Whether the documents require the value or only recommend it. */
  requirement: "required" | "recommended";
}

export interface TlsScriptOptions {
  ruleId: string;
  title: string;
  /** The header note on the restart the change needs. */
  note: string;
}

/**
 * The remediation of a TLS rule: a test-then-set step per value (its reason: "<label>: collected as …, required 1."),
 * then the restart reminder; null when no value needs setting.
 */
export function tlsRemediationScript(options: TlsScriptOptions, host: unknown, fixes: readonly TlsValueFix[]): string | null {
  if (fixes.length === 0) return null;
  return remediationScript({
    ruleId: options.ruleId,
    title: options.title,
    host: hostLabel(host),
    notes: [options.note],
    body: fixes.flatMap((fix) =>
      setDwordLines({
        path: fix.path,
        name: fix.name,
        value: fix.value,
        reason: `${fix.label}: ${collectedAs(fix.raw)}, ${fix.requirement} ${fix.value}.`,
      }),
    ),
    afterChange: RESTART_REMINDER,
  });
}
