import { aclFactsSchema, type Ace, type AclFacts } from "@/lib/facts";
import type { IssueSink } from "../issues";
import type { GmsaSuggestion, ParseOptions } from "../types";
import { MAX_DN_LENGTH, MAX_LISTED, MAX_TEXT_LENGTH } from "../limits";
import { displayValue, listSome } from "../text/display";

const DN = /^[A-Za-z][A-Za-z0-9-]*=(?:\\.|[^,\\])+(?:,\s*[A-Za-z][A-Za-z0-9-]*=(?:\\.|[^,\\])+)*$/;

/**
 * A target DN as exports write it: "DC=corp,DC=contoso,DC=com", "AD:\DC=corp,...", "AD:DC=...",
 * Get-Acl's Path "Microsoft.ActiveDirectory.Management.dll\ActiveDirectory:://RootDSE/DC=corp,...",
 * "LDAP://dc01/DC=corp,..." -> the bare DN. Undefined when what remains is not a DN.
 */
export function normalizeTargetDn(raw: string): string | undefined {
  let text = raw.trim().replace(/^["']|["']$/g, "");
  const rootDse = text.search(/RootDSE\//i);
  if (rootDse !== -1) text = text.slice(rootDse + "RootDSE/".length);
  text = text.replace(/^AD:\\?/i, "").replace(/^LDAPS?:\/\/(?:[^/]+\/)?/i, "").trim();
  if (text.length === 0 || text.length > MAX_DN_LENGTH || !DN.test(text)) return undefined;
  return text;
}

/** ACEs grouped by the object they were read for, in file order. */
export interface AclGroup {
  /** DN from the file; undefined when the file does not say (options.target applies). */
  target?: string;
  aces: Ace[];
  /** Rows seen for this target (accepted + rejected). */
  rows: number;
}

export interface AclCollector {
  add(target: string | undefined, ace: Ace | undefined): void;
  groups(): AclGroup[];
}

export function createAclCollector(): AclCollector {
  const byTarget = new Map<string, AclGroup>();
  const keyOf = (target: string | undefined) => (target === undefined ? "" : target.toLowerCase());
  return {
    add(target, ace) {
      const key = keyOf(target);
      let group = byTarget.get(key);
      if (group === undefined) {
        group = target === undefined ? { aces: [], rows: 0 } : { target, aces: [], rows: 0 };
        byTarget.set(key, group);
      }
      group.rows++;
      if (ace !== undefined) group.aces.push(ace);
    },
    groups: () => [...byTarget.values()],
  };
}

export interface AssembleContext {
  sink: IssueSink;
  options: ParseOptions;
  /** The gMSA named by the file itself, if any. */
  fileAccount?: string;
  fileAccountSid?: string;
  collectedAt?: string;
  /** Receives `suggestedGmsa` when the account is missing (the parser's result). */
  suggestInto?: { suggestedGmsa?: GmsaSuggestion };
  /**
   * True when the format lists a target's entries in the DACL's own order (Get-Acl's Access list, SDDL); false for
   * dsacls, which groups them by where they apply. A target assembled from more than one group is never ordered.
   */
  ordered: boolean;
}

/** A trustee that is a gMSA or computer account: a sAMAccountName ending in `$` ("CORP\\provAgentgMSA$", "gmsa$@corp"). */
function isDollarAccount(identity: string): boolean {
  const name = identity.trim().replace(/@.*$/, "");
  return name.endsWith("$") && !/^S-1-/i.test(name) && name.length > 1;
}

/**
 * The `$` accounts among the trustees of every group (case-insensitive, file order); with exactly one, that is the
 * account the file was most likely exported for. Undefined when there is none.
 */
export function suggestGmsa(groups: readonly AclGroup[]): GmsaSuggestion | undefined {
  const seen = new Map<string, string>();
  for (const group of groups) {
    for (const ace of group.aces) {
      if (!isDollarAccount(ace.identity)) continue;
      const key = ace.identity.trim().toLowerCase();
      if (!seen.has(key)) seen.set(key, ace.identity.trim());
    }
  }
  if (seen.size === 0) return undefined;
  const all = [...seen.values()];
  return all.length === 1 ? { account: all[0], candidates: all } : { candidates: all.slice(0, MAX_LISTED) };
}

/**
 * One AclFacts per target. The account comes from the file or options.account, a target without a DN in the file
 * from options.target; when either is unknown the file is refused with a message asking for it.
 */
export function assembleAcls(groups: AclGroup[], ctx: AssembleContext): AclFacts[] {
  const { sink, options } = ctx;
  const account = (ctx.fileAccount ?? options.account ?? "").trim();
  if (account === "") {
    const suggestion = suggestGmsa(groups);
    if (suggestion !== undefined && ctx.suggestInto !== undefined) ctx.suggestInto.suggestedGmsa = suggestion;
    const hint =
      suggestion === undefined
        ? ""
        : suggestion.account !== undefined
          ? ` The only gMSA or computer account ($) among its trustees is ${displayValue(suggestion.account, 120)}.`
          : ` Its trustees include ${suggestion.candidates.length} gMSA or computer accounts ($): ${listSome(suggestion.candidates.map((c) => displayValue(c, 120)))}.`;
    sink.error(
      "The file does not say which gMSA its permissions should be checked for. Enter the account with the upload " +
        `(for example CORP\\provAgentgMSA$).${hint}`,
    );
  } else if (account.length > MAX_TEXT_LENGTH) {
    sink.error(`The account name is ${account.length} characters long; at most ${MAX_TEXT_LENGTH} are accepted.`);
  }

  let optionTarget: string | undefined;
  const needsOptionTarget = groups.some((g) => g.target === undefined);
  if (needsOptionTarget) {
    const raw = options.target?.trim() ?? "";
    if (raw === "") {
      sink.error(
        "The file does not name the object whose permissions it lists. Enter the target distinguished name with the upload " +
          "(for example DC=corp,DC=contoso,DC=com for the domain root).",
      );
    } else {
      optionTarget = normalizeTargetDn(raw);
      if (optionTarget === undefined) {
        sink.error(`The target ${displayValue(raw)} is not a distinguished name such as DC=corp,DC=contoso,DC=com.`);
      }
    }
  }
  if (sink.hasFileError()) return [];

  // Targets without a DN in the file all use options.target: merge them.
  const merged = new Map<string, { target: string; aces: Ace[]; rows: number; groups: number }>();
  for (const group of groups) {
    const target = group.target ?? optionTarget;
    if (target === undefined) continue;
    const key = target.toLowerCase();
    const existing = merged.get(key);
    if (existing === undefined) merged.set(key, { target, aces: [...group.aces], rows: group.rows, groups: 1 });
    else {
      existing.aces.push(...group.aces);
      existing.rows += group.rows;
      existing.groups += 1;
    }
  }

  const acls: AclFacts[] = [];
  for (const { target, aces, rows, groups: groupCount } of merged.values()) {
    if (aces.length === 0) {
      sink.warning(`None of the ${rows} permission entries for ${displayValue(target, 120)} could be read, so no permissions were recorded for it.`);
      continue;
    }
    const facts: AclFacts = { targetDn: target, account, aces, aclOrdered: ctx.ordered && groupCount === 1 };
    if (ctx.fileAccountSid !== undefined) facts.accountSid = ctx.fileAccountSid;
    if (ctx.collectedAt !== undefined) facts.collectedAt = ctx.collectedAt;
    const checked = aclFactsSchema.safeParse(facts);
    if (!checked.success) {
      for (const issue of checked.error.issues) sink.error(`Invalid ACL data (${issue.path.join(".")}): ${issue.message}.`);
      continue;
    }
    acls.push(checked.data);
  }
  return acls;
}
