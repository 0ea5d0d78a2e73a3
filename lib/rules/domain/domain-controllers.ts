import type { RuleContext, RuleOutcome } from "@/lib/rules/types";
import { unknown } from "@/lib/rules/outcome";
import { HINT } from "./collect";
import { missingFact, prop, readArray, readBoolean, readCount, readString } from "./read";
import { serverYearFromCaption } from "./versions";

export const DCS_FACT = "domain.domainControllers";

/** One domain controller as read (tolerantly) from the facts. */
export interface DcView {
  index: number;
  /** Name, or "#<index>" when the entry has none. */
  label: string;
  build?: number;
  caption?: string;
  rsatAdPowerShell?: boolean;
}

/** The domain controllers, or the unknown outcome explaining why they can't be read. */
export function readDomainControllers(ctx: RuleContext): DcView[] | RuleOutcome {
  const raw = ctx.domain?.domainControllers;
  const list = readArray(raw);
  if (list === undefined) return missingFact(DCS_FACT, HINT.domainControllers, raw, "The list of domain controllers");
  if (list.length === 0) {
    // A domain always has a domain controller: an empty list is a collection gap, never "none".
    return unknown(DCS_FACT, HINT.domainControllers, "The list of domain controllers is empty; collect it again.");
  }
  return list.map((entry, index) => {
    const name = readString(prop(entry, "name"));
    return {
      index,
      label: name && name.trim() ? name : `#${index}`,
      build: readCount(prop(entry, "osBuild")),
      caption: readString(prop(entry, "osCaption")),
      rsatAdPowerShell: readBoolean(prop(entry, "rsatAdPowerShell")),
    };
  });
}

/** Minimum build for Windows Server 2012 (6.2.9200). */
export const WS2012_BUILD = 9200;

/** Whether a DC runs Windows Server 2012 or later: from the build, else from the caption; undefined when neither tells. */
export function runs2012OrLater(dc: DcView): boolean | undefined {
  if (dc.build !== undefined) return dc.build >= WS2012_BUILD;
  const year = dc.caption ? serverYearFromCaption(dc.caption) : undefined;
  return year === undefined ? undefined : year >= 2012;
}
