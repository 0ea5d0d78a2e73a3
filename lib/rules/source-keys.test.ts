import { describe, expect, it } from "vitest";
import { RULES, SOURCE_KEYS, sourceKeysToMarkdown, splitSourceKeys } from "@/lib/rules";

describe("source keys", () => {
  it("splits a note at its known keys, keeping the text around them", () => {
    const parts = splitSourceKeys("Granted at the domain root ([GMSA-CMD]); see also [VERHIST].");
    expect(parts).toEqual([
      { text: "Granted at the domain root (" },
      { key: "GMSA-CMD", source: SOURCE_KEYS["GMSA-CMD"] },
      { text: "); see also " },
      { key: "VERHIST", source: SOURCE_KEYS.VERHIST },
      { text: "." },
    ]);
  });

  it("leaves unknown brackets and plain text alone", () => {
    expect(splitSourceKeys("no keys here")).toEqual([{ text: "no keys here" }]);
    expect(splitSourceKeys("[NOT-A-KEY] and [lower]")).toEqual([{ text: "[NOT-A-KEY] and [lower]" }]);
    expect(splitSourceKeys("")).toEqual([]);
  });

  it("writes keys as Markdown links with the revision", () => {
    expect(sourceKeysToMarkdown("as the installer grants ([GMSA-CS])")).toBe(
      "as the installer grants ([Use a group managed service account with Microsoft Entra Cloud Sync, 2025-09-29](https://learn.microsoft.com/en-us/entra/identity/hybrid/cloud-sync/gmsa-cloud-sync))",
    );
  });

  it("resolves every bracketed key a rule's visible text uses", () => {
    const unresolved = new Set<string>();
    for (const { meta } of RULES) {
      const texts = [meta.rationale, ...(meta.notes ?? []), meta.remediation.summary, ...(meta.remediation.steps ?? [])];
      for (const text of texts) for (const match of text.matchAll(/\[([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+|[A-Z]{3,})\]/g)) if (!SOURCE_KEYS[match[1]!]) unresolved.add(`${meta.id}: ${match[0]}`);
    }
    expect([...unresolved]).toEqual([]);
  });
});
