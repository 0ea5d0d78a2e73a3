import type { HostFacts } from "@/lib/facts";
import type { IssueSink } from "../issues";
import { normalizeHostIdentity } from "../identity";
import { acceptHost, CELL_IGNORED } from "./accept-host";
import { FactSources } from "./fact-sources";
import { domainRoleImplies, type DomainRole } from "./enums";
import type { HostRecord } from "../types";

/**
 * A host being assembled from one record: the facts so far, where each fact came from (for messages),
 * the raw identity parts, and the row's problems. `finishHost` normalises the identity and validates.
 */
export interface HostDraft {
  facts: HostFacts;
  sources: FactSources;
  /** Problems that make the row unusable (no usable identity). */
  errors: Array<{ column: string; message: string }>;
  /** Cells whose value could not be read: the fact stays unknown and the row is kept (one warning each). */
  invalidCells: Array<{ column: string; message: string }>;
  identity: {
    name?: { value: string; column: string };
    dnsHostName?: { value: string; column: string };
    domain?: { value: string; column: string };
    netbiosName?: string;
    netbiosDomain?: string;
  };
  domainRole?: DomainRole;
}

/** `sources` may be reused from row to row (it is reset here) to spare allocations on large files. */
export function newHostDraft(sources?: FactSources): HostDraft {
  if (sources !== undefined) sources.reset();
  return { facts: {}, sources: sources ?? new FactSources(), errors: [], invalidCells: [], identity: {} };
}

/**
 * A cell whose value cannot be read (`message` names the value and what was expected). The fact it would
 * have set stays unknown and the row is kept; `finishHost` turns it into a warning naming row and column.
 */
export function draftInvalidCell(draft: HostDraft, column: string, message: string): void {
  draft.invalidCells.push({ column, message });
}

/** Records where a fact path came from. */
export function noteSource(draft: HostDraft, path: string, column: string): void {
  draft.sources.set(path, column);
}

export interface FinishHostContext {
  sink: IssueSink;
  row?: number;
  defaultDomain?: string;
  /** Column to blame when the row has no host name at all. */
  identityColumn?: string;
  /** Counts hosts left with a short name because no domain was known. */
  onUnqualified?: () => void;
}

/**
 * Fills facts implied by the domain role (product type, membership) when the record did not state them,
 * normalises the identity, then validates. Only a missing or unusable identity rejects the row (errors to the
 * sink; undefined); unreadable cells become warnings and leave their fact unknown.
 */
export function finishHost(draft: HostDraft, ctx: FinishHostContext): HostRecord | undefined {
  const { sink, row } = ctx;
  const facts = draft.facts;
  if (draft.domainRole !== undefined) {
    const implied = domainRoleImplies(draft.domainRole);
    facts.domainMembership ??= {};
    facts.domainMembership.domainRole ??= draft.domainRole;
    facts.domainMembership.partOfDomain ??= implied.partOfDomain;
    facts.os ??= {};
    facts.os.productType ??= implied.productType;
  }

  const id = draft.identity;
  const nameColumn = id.dnsHostName?.column ?? id.name?.column ?? ctx.identityColumn ?? "host name";
  if (id.name === undefined && id.dnsHostName === undefined && id.netbiosName === undefined) {
    draft.errors.push({ column: nameColumn, message: "The host name is empty, so the row cannot be matched to a server." });
  }
  const normalized =
    id.name === undefined && id.dnsHostName === undefined && id.netbiosName === undefined
      ? undefined
      : normalizeHostIdentity({
          name: id.name?.value,
          dnsHostName: id.dnsHostName?.value,
          domain: id.domain?.value,
          netbiosName: id.netbiosName,
          netbiosDomain: id.netbiosDomain,
          partOfDomain: facts.domainMembership?.partOfDomain,
          defaultDomain: ctx.defaultDomain,
        });
  if (normalized !== undefined && !normalized.ok) {
    const column = normalized.message.startsWith("domain:") ? (id.domain?.column ?? nameColumn) : nameColumn;
    draft.errors.unshift({ column, message: `${capitalize(normalized.message)}.` });
  }
  if (draft.errors.length > 0 || normalized === undefined || !normalized.ok) {
    for (const error of draft.errors) sink.error(`${error.message} The row was skipped.`, { row, column: error.column });
    for (const cell of draft.invalidCells) sink.warning(`${cell.message} (The row was skipped for the reason above.)`, { row, column: cell.column });
    return undefined;
  }
  for (const cell of draft.invalidCells) sink.warning(`${cell.message} ${CELL_IGNORED}`, { row, column: cell.column });
  if (normalized.unqualified) ctx.onUnqualified?.();
  facts.identity = { ...facts.identity, ...normalized.identity };
  noteSource(draft, "identity", nameColumn);
  if (id.domain !== undefined) noteSource(draft, "identity.domain", id.domain.column);
  return acceptHost(facts, { sink, row, sources: draft.sources });
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
