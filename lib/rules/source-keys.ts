import { DOCS } from "./sources";

/**
 * The bracketed shorthand some rule notes use for their sources (`[GMSA-CS]`, `[VERHIST]`, the keys of
 * /work/shared/reference/cloud-sync-requirements.md), resolved to the document it stands for, so that pages
 * and docs/rules.md show the title and a link instead of a key a reader cannot look up.
 */
export interface SourceKeyDocument {
  document: string;
  url: string;
  /** ms.date of the revision, when the document has one. */
  revised?: string;
}

export const SOURCE_KEYS: Readonly<Record<string, SourceKeyDocument>> = {
  "PRE-2026": DOCS.prerequisites,
  "PRE-2025-09": DOCS.prerequisites2025September,
  "PRE-2025-04": DOCS.prerequisites2025,
  "PRE-2023": DOCS.prerequisites2023,
  "GMSA-CS": DOCS.gmsaCloudSync,
  "GMSA-START": DOCS.gmsaGettingStarted,
  "GMSA-CMD": DOCS.gmsaCmdlets,
  "ADDS-CONN": DOCS.adDsConnectorAccount,
  FAQ: DOCS.faq,
  VERHIST: DOCS.agentVersionHistory,
  "TLS-CONN": DOCS.tlsConnectEnforcement,
  NETFX: DOCS.dotnetVersions,
  DECIDE: DOCS.decisionGuide,
  INSTALL: {
    document: "Install the Microsoft Entra provisioning agent",
    url: "https://learn.microsoft.com/en-us/entra/identity/hybrid/cloud-sync/how-to-install",
  },
  "MS-ADA2": {
    document: "[MS-ADA2]: Active Directory Schema Attributes M, 2.320 Attribute msDS-ExternalDirectoryObjectId",
    url: "https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-ada2/0abc1d06-ac09-476f-a60b-5deb05b394f7",
  },
};

export type SourceKeyPart = { text: string } | { key: string; source: SourceKeyDocument };

const KEY_PATTERN = /\[([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*)\]/g;

/**
 * Splits a text at its source keys: known keys become `{ key, source }`, everything else (unknown
 * brackets included) stays text. A key wrapped in parentheses ("([GMSA-CS])") keeps its parentheses.
 */
export function splitSourceKeys(text: string): SourceKeyPart[] {
  const parts: SourceKeyPart[] = [];
  let last = 0;
  for (const match of text.matchAll(KEY_PATTERN)) {
    const source = SOURCE_KEYS[match[1]!];
    if (!source) continue;
    if (match.index > last) parts.push({ text: text.slice(last, match.index) });
    parts.push({ key: match[1]!, source });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

/** The text with each known source key written as a Markdown link to its document (docs/rules.md). */
export function sourceKeysToMarkdown(text: string): string {
  return splitSourceKeys(text)
    .map((part) => ("key" in part ? `[${part.source.document}${part.source.revised ? `, ${part.source.revised}` : ""}](${part.source.url})` : part.text))
    .join("");
}
