import { aceSchema, EMPTY_GUID, UNRESOLVED_GUID, type Ace, type InheritanceType } from "@/lib/facts";
import type { FormatParser, ParseInput, ParseResult } from "../types";
import { createIssueSink, type IssueSink } from "../issues";
import { finishResult, newResult } from "../result";
import { DETECT_WINDOW, MAX_TEXT_LENGTH, maxRowsOf } from "../limits";
import { lowercaseSample } from "../detect-sample";
import { head, splitLines } from "../text/lines";
import { displayValue } from "../text/display";
import { AD_RIGHTS } from "@/lib/facts";
import { dsaclsRights } from "../acl/dsacls-words";
import { assembleAcls, createAclCollector, normalizeTargetDn } from "../acl/assemble";
import { kindWords, resolveDsaclsName, type NameUse } from "./dsacls-text-names";
import { isAccountPrincipal } from "./dsacls-text-account";

/**
 * `dsacls "<DN>"` output: optional Owner:/Group:, "Access list:", entries "Allow|Deny <principal padded> <permission>"
 * (long principals push the permission to a continuation line indented ~38 spaces), "SPECIAL ACCESS [for <name>]"
 * followed by one right per line, single-line rights ("FULL CONTROL", "Reset Password", "FULL CONTROL for <class>"),
 * "<Inherited from parent>", then "Permissions inherited to subobjects are:" with "Inherited to all subobjects" /
 * "Inherited to <class>" groups, and "The command completed successfully". /A output adds "Audit list:" (skipped).
 *
 * Sections become InheritanceType: entries effective on the object -> None; inherited to all subobjects ->
 * Descendents (or All when the same entry is also effective on the object, as dsacls lists such an ACE twice);
 * inherited to a class -> Descendents with InheritedObjectType = that class.
 */

const FORMAT = "dsacls-text";

const ENTRY = /^(Allow|Deny)\s+(.*)$/i;
const AUDIT_ENTRY = /^(All|Success|Failure|Fail)\s+\S/i;
const INHERITED_MARK = /\s*<Inherited from parent>\s*/i;
const SPECIAL = /^SPECIAL ACCESS(?:\s+for\s+(.+?))?$/i;
const RIGHTS_FOR = /^(.+?)\s+for\s+(.+)$/i;
/** Continuation lines indented at least this far hold permission text (dsacls uses column 38). */
const PERMISSION_INDENT = 20;
const COMMAND = /\bdsacls(?:\.exe)?\s+(?:"([^"]+)"|'([^']+)'|(\S+))/i;

function detect(input: ParseInput): number {
  const sample = head(input.text, DETECT_WINDOW);
  // The line-anchored searches below only where their words occur (a JSON report has none of them).
  const lower = lowercaseSample(input);
  const accessList = lower.includes("access list:") && /^Access list:\s*$/im.test(sample);
  const inheritedSection = lower.includes("permissions inherited to subobjects are:") && /^Permissions inherited to subobjects are:\s*$/im.test(sample);
  const entries = sample.includes("Allow") || sample.includes("Deny") ? (sample.match(/^(Allow|Deny)\s+\S.*?\s{2,}(SPECIAL ACCESS|FULL CONTROL|READ|WRITE|[A-Z][a-z])/gm) ?? []).length : 0;
  if ((accessList || inheritedSection) && entries > 0) return 0.95;
  if (accessList || inheritedSection) return 0.8;
  if (entries >= 2 && /^\s{20,}(READ PROPERTY|WRITE PROPERTY|LIST CONTENTS|READ PERMISSONS|READ PERMISSIONS|DELETE)\s*$/m.test(sample)) {
    return 0.7;
  }
  return 0;
}

type Section = "preamble" | "effective" | "inherited" | "audit";

interface Entry {
  line: number;
  accessType: "allow" | "deny";
  principal: string;
  permission?: string;
  extraLines: string[];
  inherited: boolean;
  section: "effective" | "inherited";
  /** For the inherited section: undefined = all subobjects, else the class display name. */
  inheritedTo?: string;
}

interface Block {
  target?: string;
  commandLine?: number;
  entries: Entry[];
}

function stripMark(text: string): { text: string; inherited: boolean } {
  if (!INHERITED_MARK.test(text)) return { text: text.trim(), inherited: false };
  return { text: text.replace(INHERITED_MARK, " ").trim(), inherited: true };
}

function readBlocks(lines: readonly string[], sink: IssueSink): Block[] {
  const blocks: Block[] = [];
  let block: Block = { entries: [] };
  let section: Section = "preamble";
  let inheritedTo: string | undefined;
  let current: Entry | undefined;
  let finished = false;
  const startBlock = () => {
    if (block.entries.length > 0 || block.target !== undefined) blocks.push(block);
    block = { entries: [] };
    section = "preamble";
    inheritedTo = undefined;
    current = undefined;
    finished = false;
  };

  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    const line = raw.trimEnd(); // not /\s+$/: quadratic on a long run of blanks inside a line
    const trimmed = line.trim();
    if (trimmed === "") {
      current = undefined;
      return;
    }
    const command = COMMAND.exec(line);
    if (command && /^\s*(?:PS\s+[^>]*>|[A-Za-z]:\\[^>]*>|>|\$|dsacls)/i.test(line)) {
      startBlock();
      const rawTarget = (command[1] ?? command[2] ?? command[3] ?? "").replace(/^\\\\[^\\]+\\/, "");
      const target = normalizeTargetDn(rawTarget);
      if (target !== undefined) block.target = target;
      else sink.warning(`The dsacls command on this line does not name a distinguished name the parser understands.`, { row: lineNo });
      block.commandLine = lineNo;
      return;
    }
    if (/^Owner:/i.test(trimmed) || /^Group:/i.test(trimmed)) {
      if (block.entries.length > 0 || finished) startBlock();
      return;
    }
    if (/^Audit list:?$/i.test(trimmed)) {
      if (finished) startBlock();
      section = "audit";
      sink.warnOnce("audit", "The audit list (dsacls /A) is not used for the permission checks; it was skipped.", { row: lineNo });
      return;
    }
    if (/^Access list:?$/i.test(trimmed)) {
      if (finished || block.entries.length > 0) startBlock();
      section = "effective";
      inheritedTo = undefined;
      return;
    }
    if (/^Effective Permissions on this object are:?$/i.test(trimmed)) {
      if (section !== "audit") section = "effective";
      return;
    }
    if (/^Permissions inherited to subobjects are:?$/i.test(trimmed)) {
      if (section !== "audit") section = "inherited";
      inheritedTo = undefined;
      current = undefined;
      return;
    }
    const inheritedHeading = /^Inherited to (.+)$/i.exec(trimmed);
    if (inheritedHeading && !line.startsWith(" ")) {
      if (section !== "audit") section = "inherited";
      inheritedTo = /^all subobjects$/i.test(inheritedHeading[1].trim()) ? undefined : inheritedHeading[1].trim();
      current = undefined;
      return;
    }
    if (/^\{?This object is protected from inheriting permissions from the parent\}?$/i.test(trimmed)) {
      sink.warning(
        "dsacls reports that this object is protected from inheriting permissions: permissions granted on parent objects (such as the domain root) do not reach it.",
        { row: lineNo },
      );
      return;
    }
    if (/^The command completed successfully\.?$/i.test(trimmed)) {
      finished = true;
      current = undefined;
      return;
    }
    if (section === "audit") return;
    const entry = ENTRY.exec(line);
    if (entry && !/^\s/.test(line)) {
      if (section === "preamble") section = "effective";
      const { text, inherited } = stripMark(entry[2]);
      const split = /^(.*?\S)\s{2,}(\S.*)$/.exec(text);
      current = {
        line: lineNo,
        accessType: entry[1].toLowerCase() === "deny" ? "deny" : "allow",
        principal: split ? split[1] : text,
        extraLines: [],
        inherited,
        section: section === "inherited" ? "inherited" : "effective",
      };
      if (split) current.permission = split[2];
      if (current.section === "inherited" && inheritedTo !== undefined) current.inheritedTo = inheritedTo;
      block.entries.push(current);
      return;
    }
    if (/^\s/.test(line) && current !== undefined) {
      const { text, inherited } = stripMark(trimmed);
      if (inherited) current.inherited = true;
      if (text === "") return;
      if (current.permission === undefined) {
        // Permission text sits in the permission column (~38 spaces); a shallower indent continues a wrapped principal.
        const indent = line.length - line.trimStart().length;
        if (indent >= PERMISSION_INDENT) current.permission = text;
        else current.principal = `${current.principal} ${text}`;
        return;
      }
      current.extraLines.push(text);
      return;
    }
    if (AUDIT_ENTRY.test(line)) return;
    sink.warnOnce("stray", `Line ${lineNo} is not part of dsacls output and was ignored (first such line shown).`, { row: lineNo });
  });
  if (block.entries.length > 0 || block.target !== undefined) blocks.push(block);
  return blocks;
}

interface EntryAce {
  ace?: Ace;
  /** Problems that make the entry unusable: it is rejected. */
  errors: Array<{ column: string; message: string }>;
  /** Names in no default schema, by the column they appear in: the entry is kept, marked unresolved. */
  unresolved: Array<{ column: string; name: string }>;
}

type Target = { guid: string } | { unresolved: string } | undefined;

/** The GUID a name dsacls prints stands for; an unknown name is kept (unresolved), a misplaced one is an error. */
function nameTarget(name: string, use: NameUse, column: string, result: EntryAce): Target {
  const resolved = resolveDsaclsName(name, use);
  if (resolved.status === "known") return { guid: resolved.entry.guid };
  if (resolved.status === "unknown") {
    result.unresolved.push({ column, name });
    return { unresolved: name };
  }
  result.errors.push({
    column,
    message: `dsacls names ${displayValue(name)} here, which is ${kindWords(resolved.entry.kind)} of the Active Directory schema, not ${resolved.expected}.`,
  });
  return undefined;
}

function entryToAce(entry: Entry): EntryAce {
  const result: EntryAce = { errors: [], unresolved: [] };
  const { errors } = result;
  const principal = entry.principal.trim();
  if (principal === "") errors.push({ column: "principal", message: "The entry names no principal." });
  if (principal.length > MAX_TEXT_LENGTH) errors.push({ column: "principal", message: `The principal name is longer than ${MAX_TEXT_LENGTH} characters.` });
  const permission = entry.permission?.trim();
  let rights: number | undefined;
  let objectType: Target = { guid: EMPTY_GUID };
  if (permission === undefined || permission === "") {
    errors.push({ column: "permission", message: "The entry has no permission text." });
  } else if (permission.length > MAX_TEXT_LENGTH) {
    errors.push({ column: "permission", message: `The permission text is longer than ${MAX_TEXT_LENGTH} characters.` });
  } else {
    const special = SPECIAL.exec(permission);
    if (special) {
      if (special[1] !== undefined) objectType = nameTarget(special[1].trim(), "object", "permission", result);
      if (entry.extraLines.length === 0) errors.push({ column: "permission", message: "SPECIAL ACCESS is not followed by any right." });
      let mask = 0;
      for (const line of entry.extraLines) {
        const bits = dsaclsRights(line);
        if (bits === undefined) errors.push({ column: "permission", message: `${displayValue(line)} is not a dsacls right (e.g. READ PROPERTY, WRITE PROPERTY).` });
        else mask |= bits;
      }
      rights = mask >>> 0;
    } else {
      const full = [permission, ...entry.extraLines].join(" ");
      const direct = dsaclsRights(full);
      const forMatch = RIGHTS_FOR.exec(full);
      if (direct !== undefined) rights = direct;
      else if (forMatch && dsaclsRights(forMatch[1]) !== undefined) {
        rights = dsaclsRights(forMatch[1]);
        objectType = nameTarget(forMatch[2].trim(), "object", "permission", result);
      } else {
        // A single-line right: an extended right ("Reset Password") or a validated write ("Validated write to DNS
        // host name"). An unknown one is taken as an extended right, dsacls' form for custom control access rights.
        const resolved = resolveDsaclsName(full, "single-line");
        rights = resolved.status === "known" && resolved.entry.kind === "validated-write" ? AD_RIGHTS.Self : AD_RIGHTS.ExtendedRight;
        objectType = nameTarget(full, "single-line", "permission", result);
      }
    }
  }
  let inheritanceType: InheritanceType = "None";
  let inheritedObjectType: Target = { guid: EMPTY_GUID };
  if (entry.section === "inherited") {
    inheritanceType = "Descendents";
    if (entry.inheritedTo !== undefined) inheritedObjectType = nameTarget(entry.inheritedTo, "inherited-to", "Inherited to", result);
  }
  if (errors.length > 0 || rights === undefined || objectType === undefined || inheritedObjectType === undefined) return result;
  const candidate: Ace = {
    identity: principal,
    rights,
    accessType: entry.accessType,
    objectType: "guid" in objectType ? objectType.guid : UNRESOLVED_GUID,
    inheritedObjectType: "guid" in inheritedObjectType ? inheritedObjectType.guid : UNRESOLVED_GUID,
    inheritanceType,
    isInherited: entry.inherited,
  };
  if ("unresolved" in objectType || "unresolved" in inheritedObjectType) {
    candidate.unresolved = {};
    if ("unresolved" in objectType) candidate.unresolved.objectType = objectType.unresolved;
    if ("unresolved" in inheritedObjectType) candidate.unresolved.inheritedObjectType = inheritedObjectType.unresolved;
  }
  const checked = aceSchema.safeParse(candidate);
  if (!checked.success) {
    for (const issue of checked.error.issues) errors.push({ column: String(issue.path[0] ?? "entry"), message: issue.message });
    return result;
  }
  result.ace = checked.data;
  return result;
}

function aceKey(ace: Ace): string {
  return [ace.identity.toLowerCase(), ace.accessType, ace.rights, ace.objectType, ace.unresolved?.objectType?.toLowerCase() ?? "", ace.isInherited].join("|");
}

/** An entry effective on the object and the same entry inherited to all subobjects are one ACE applying to both: All. */
function mergeSections(aces: Array<{ ace: Ace; line: number }>): Array<{ ace: Ace; line: number }> {
  // Effective (None) entries by key, with a cursor to the next one not merged yet: linear even with many duplicates.
  const effective = new Map<string, { items: Array<{ ace: Ace; line: number }>; next: number }>();
  for (const item of aces) {
    if (item.ace.inheritanceType !== "None") continue;
    const key = aceKey(item.ace);
    const bucket = effective.get(key);
    if (bucket === undefined) effective.set(key, { items: [item], next: 0 });
    else bucket.items.push(item);
  }
  const out: Array<{ ace: Ace; line: number }> = [];
  for (const item of aces) {
    if (item.ace.inheritanceType === "Descendents" && item.ace.inheritedObjectType === EMPTY_GUID) {
      const bucket = effective.get(aceKey(item.ace));
      if (bucket !== undefined && bucket.next < bucket.items.length) {
        const twin = bucket.items[bucket.next++];
        twin.ace = { ...twin.ace, inheritanceType: "All" };
        continue;
      }
    }
    out.push(item);
  }
  return out;
}

/**
 * An entry naming something in no default schema (a custom schema extension such as contoso-EmployeeBadge) is kept,
 * marked unresolved (never read as "all properties" or "every class"). Granted or denied to the gMSA itself it can
 * change a verdict, so it is an error on its line and counts as rejected (the upload is refused unless only the
 * valid records are committed; if they are, it is stored unresolved and the gMSA rules answer Unknown for it).
 * For any other principal it is a warning: the rules answer Unknown only if that principal turns out to be one of
 * the gMSA's groups. Returns true when it was an error.
 */
function reportUnresolved(sink: IssueSink, entry: Entry, unresolved: EntryAce["unresolved"], account: string | undefined): boolean {
  const names = unresolved.map((u) => displayValue(u.name)).join(" and ");
  const column = unresolved[0].column;
  const principal = displayValue(entry.principal.trim());
  if (isAccountPrincipal(entry.principal, account)) {
    sink.error(
      `dsacls names ${names}, which is not in the default Active Directory schema (a custom schema extension?), in an entry for the gMSA ${principal} itself, ` +
        "so it could change the permission checks. Export the ACL with Get-Acl (CSV or JSON) to get GUIDs instead. " +
        "If you commit only the valid records, the entry is kept as unresolved and the gMSA permission rules answer Unknown.",
      { row: entry.line, column },
    );
    return true;
  }
  sink.warning(
    `dsacls names ${names}, which is not in the default Active Directory schema (a custom schema extension?), in an entry for ${principal}. ` +
      "The entry is kept as unresolved: it is never read as all properties or all classes, and the gMSA permission rules answer Unknown only if the gMSA is a member of that principal.",
    { row: entry.line, column },
  );
  return false;
}

function parse(input: ParseInput): ParseResult {
  const sink = createIssueSink(input.fileName);
  const result = newResult("gmsa-acl", FORMAT);
  const blocks = readBlocks(splitLines(input.text), sink);
  const total = blocks.reduce((n, b) => n + b.entries.length, 0);
  if (total === 0) {
    sink.error('No "Allow" or "Deny" entries were found. Paste the complete output of dsacls "<distinguished name>".');
    return finishResult(result, sink);
  }
  const maxRows = maxRowsOf(input.options);
  if (total > maxRows) {
    sink.error(`The file has ${total.toLocaleString("en-US")} entries; the limit for one upload is ${maxRows.toLocaleString("en-US")}. Nothing was imported.`);
    return finishResult(result, sink);
  }
  const untargeted = blocks.filter((b) => b.target === undefined && b.entries.length > 0);
  if (untargeted.length > 1) {
    sink.error(
      "The file holds several dsacls outputs but does not say which object each one is for. Keep the dsacls command line above each output, or upload them separately.",
    );
    return finishResult(result, sink);
  }
  const collector = createAclCollector();
  const account = input.options.account?.trim() || undefined;
  for (const block of blocks) {
    const accepted: Array<{ ace: Ace; line: number }> = [];
    for (const entry of block.entries) {
      result.records++;
      const built = entryToAce(entry);
      if (built.ace === undefined) {
        for (const error of built.errors) sink.error(`${error.message} The entry was skipped.`, { row: entry.line, column: error.column });
        result.rejected++;
        collector.add(block.target, undefined);
        continue;
      }
      if (built.unresolved.length > 0 && reportUnresolved(sink, entry, built.unresolved, account)) result.rejected++;
      accepted.push({ ace: built.ace, line: entry.line });
    }
    for (const item of mergeSections(accepted)) collector.add(block.target, item.ace);
  }
  result.acls = assembleAcls(collector.groups(), { suggestInto: result, sink, options: input.options, ordered: false });
  return finishResult(result, sink);
}

const dsaclsText: FormatParser = {
  id: FORMAT,
  kind: "gmsa-acl",
  label: "dsacls console output",
  detect,
  parse,
};

export default dsaclsText;
