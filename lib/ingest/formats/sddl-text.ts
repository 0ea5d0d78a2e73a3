import { isSidString } from "@/lib/facts";
import type { FormatParser, ParseInput, ParseResult } from "../types";
import { createIssueSink, type IssueSink } from "../issues";
import { finishResult, newResult } from "../result";
import { DETECT_WINDOW, maxRowsOf } from "../limits";
import { headerKey } from "../csv/read-csv";
import { cell, csvHeadOf, isRepeatedHeader, readCsvTable } from "../csv/csv-table";
import { looksLikeJson } from "../json/parse-json";
import { head, splitLines } from "../text/lines";
import { displayValue, listNames } from "../text/display";
import { assembleAcls, createAclCollector, normalizeTargetDn, type AclCollector } from "../acl/assemble";
import { looksLikeSddl, parseSddl } from "../acl/sddl";
import { dnsNameOfDn, sddlAceToAce } from "../acl/sddl-ace";
import { bareSddlLine, isCutOff, readWrappedSddl, sddlListValue } from "../acl/sddl-lines";

/**
 * Security descriptors as SDDL strings (MS-DTYP §2.5.1.1), the form `(Get-Acl "AD:$dn").Sddl` prints:
 *
 * - a file of SDDL strings, one per line, each optionally "DN<tab>SDDL" / "DN;SDDL" or preceded by a DN line;
 * - `Get-Acl "AD:$dn" | Format-List` (Path / Owner / Group / Access / Audit / Sddl; the Path names the object);
 * - `Get-ADObject … -Properties nTSecurityDescriptor | Select-Object DistinguishedName, @{n='Sddl';e={$_.nTSecurityDescriptor.Sddl}}`
 *   as Format-List or Export-Csv (a DistinguishedName / Path / DN column and an Sddl column).
 *
 * Long strings wrapped by the console are joined (sddl-lines.ts); a string the console cut off ("...") is refused.
 * Only the DACL's access-allowed/denied ACEs are used; audit and callback ACEs and the SACL are skipped with a note.
 */

const FORMAT = "sddl-text";

const TARGET_KEYS = new Set(["dn", "distinguishedname", "path", "adpath", "objectdn", "adobjectdn", "target", "targetdn"]);
const SDDL_KEYS = new Set(["sddl", "securitydescriptor", "ntsecuritydescriptorsddl"]);
const TABLE_HEADER = /ActiveDirectoryRights/i;
const LIST_KEY = /^\s*([A-Za-z][A-Za-z0-9 ]{1,40}?)\s*:\s?(.*)$/;
const PROMPT = /^\s*(?:PS\s+[^>]*>|PS>)/;
const PROMPT_DN = /AD:\\?\\?["']?((?:CN|OU|DC|O|L)=[^"'|)]*?)["']?\s*(?:\)|\||$)/i;
const TYPE_NAME_ONLY = /^System\.DirectoryServices\.ActiveDirectorySecurity$/i;

function detect(input: ParseInput): number {
  if (looksLikeJson(input.text)) return 0;
  const sample = head(input.text, DETECT_WINDOW);
  // A Get-Acl table pasted together with an SDDL line belongs to getacl-table (which reads both).
  const hasTable = /^.*ActiveDirectoryRights.*\r?\n[\s-]*-{3,}/m.test(sample) && TABLE_HEADER.test(sample);
  const csv = csvHeadOf(sample);
  if (csv !== undefined && csv.header.length >= 2) {
    const keys = csv.header.map(headerKey);
    if (keys.some((k) => SDDL_KEYS.has(k)) && !keys.includes("activedirectoryrights")) return 0.95;
  }
  const lines = sample.split(/\r?\n|\r/);
  const listSddl = lines.some((l) => {
    const value = sddlListValue(l);
    return value !== undefined && (looksLikeSddl(value) || value.trim() === "");
  });
  const bare = lines.some((l) => bareSddlLine(l) !== undefined);
  if (!listSddl && !bare) return 0;
  return hasTable ? 0.6 : 0.95;
}

interface Entry {
  line: number;
  target?: string;
  sddl: string;
  cutOff: boolean;
}


/** Text forms: bare lines, DN lines, Format-List records, prompt lines. */
function readText(text: string, sink: IssueSink): Entry[] {
  const lines = splitLines(text);
  const entries: Entry[] = [];
  let target: string | undefined;
  /** Entries of the current Format-List record (blank-line separated) still without a target. */
  let recordStart = entries.length;
  let i = 0;
  const setTarget = (raw: string, row: number, column?: string) => {
    const dn = normalizeTargetDn(raw);
    if (dn === undefined) {
      sink.warning(`${displayValue(raw)} is not a distinguished name the parser understands; the next SDDL string has no target from it.`, { row, column });
      return;
    }
    target = dn;
    for (let k = recordStart; k < entries.length; k++) if (entries[k].target === undefined) entries[k].target = dn;
  };
  while (i < lines.length) {
    const line = lines[i];
    const row = i + 1;
    if (line.trim() === "") {
      recordStart = entries.length;
      i++;
      continue;
    }
    if (PROMPT.test(line)) {
      const dn = PROMPT_DN.exec(line);
      if (dn) setTarget(dn[1], row);
      recordStart = entries.length;
      i++;
      continue;
    }
    const listValue = sddlListValue(line);
    if (listValue !== undefined) {
      if (listValue.trim() === "") {
        sink.warning("The Sddl property is empty (no security descriptor was read for this object).", { row, column: "Sddl" });
        i++;
        continue;
      }
      const read = readWrappedSddl(lines, i, listValue);
      entries.push({ line: row, ...(target === undefined ? {} : { target }), sddl: read.sddl, cutOff: isCutOff(read.sddl) });
      i = read.next;
      continue;
    }
    const bare = bareSddlLine(line);
    if (bare !== undefined) {
      if (bare.dn !== undefined) setTarget(bare.dn, row);
      const read = readWrappedSddl(lines, i, bare.sddl);
      entries.push({ line: row, ...(target === undefined ? {} : { target }), sddl: read.sddl, cutOff: isCutOff(read.sddl) });
      i = read.next;
      continue;
    }
    const key = LIST_KEY.exec(line);
    if (key && !/^\s/.test(line)) {
      const name = headerKey(key[1]);
      if (TARGET_KEYS.has(name)) {
        setTarget(key[2], row, key[1].trim());
      } else if (name === "ntsecuritydescriptor" && TYPE_NAME_ONLY.test(key[2].trim())) {
        sink.error(
          "nTSecurityDescriptor shows only its type name (System.DirectoryServices.ActiveDirectorySecurity), not the permissions. " +
            "Select its SDDL: Get-ADObject <dn> -Properties nTSecurityDescriptor | Select-Object DistinguishedName, @{n='Sddl';e={$_.nTSecurityDescriptor.Sddl}} | Format-List",
          { row, column: key[1].trim() },
        );
      }
      // Other Format-List properties (Owner, Group, Access, Audit, …) and their indented continuation lines are not needed.
      i++;
      while (i < lines.length && /^\s+\S/.test(lines[i]) && sddlListValue(lines[i]) === undefined) i++;
      continue;
    }
    if (/^\s*(?:CN|OU|DC|O|L)=/i.test(line) && !/\s{2,}/.test(line.trim())) {
      setTarget(line.trim(), row);
      recordStart = entries.length;
      i++;
      continue;
    }
    sink.warnOnce("stray", `Line ${row} is not an SDDL string, a distinguished name or a Format-List property, and was ignored (first such line shown).`, { row });
    i++;
  }
  return entries;
}

/** Export-Csv form: a DN column and an Sddl column. */
function readCsvEntries(text: string, sink: IssueSink, maxRows: number): Entry[] | undefined {
  const table = readCsvTable(text, sink, maxRows);
  if (table === undefined) return undefined;
  const headers = table.header.fields.map((h) => h.trim());
  const keys = headers.map(headerKey);
  const sddlIndex = keys.findIndex((k) => SDDL_KEYS.has(k));
  const targetIndex = keys.findIndex((k) => TARGET_KEYS.has(k));
  if (sddlIndex === -1) {
    sink.error(`No Sddl column was found. Headers found: ${listNames(headers)}.`);
    return undefined;
  }
  const entries: Entry[] = [];
  for (const row of table.rows) {
    if (isRepeatedHeader(row, table.header)) continue;
    const sddl = cell(row, sddlIndex);
    const entry: Entry = { line: row.line, sddl, cutOff: isCutOff(sddl) };
    if (targetIndex !== -1) {
      const raw = cell(row, targetIndex);
      if (raw !== "") {
        const dn = normalizeTargetDn(raw);
        if (dn === undefined) {
          sink.error(`${displayValue(raw)} is not a distinguished name such as OU=Servers,DC=corp,DC=contoso,DC=com. The row was skipped.`, {
            row: row.line,
            column: headers[targetIndex],
          });
          continue;
        }
        entry.target = dn;
      }
    }
    if (TYPE_NAME_ONLY.test(sddl)) {
      sink.error("The cell holds only the type name of nTSecurityDescriptor; export its .Sddl instead. The row was skipped.", {
        row: row.line,
        column: headers[sddlIndex],
      });
      continue;
    }
    entries.push(entry);
  }
  return entries;
}

function readEntry(entry: Entry, sink: IssueSink, collector: AclCollector, counts: { records: number; rejected: number }): void {
  const at = { row: entry.line, column: "Sddl" };
  if (entry.cutOff) {
    sink.error(
      'The console cut this SDDL string off (it ends with "..."), so its entries cannot be read. Print it whole: ' +
        '(Get-Acl "AD:<dn>").Sddl | Out-File acl-sddl.txt, or use Format-List instead of Format-Table.',
      at,
    );
    counts.records++;
    counts.rejected++;
    collector.add(entry.target, undefined);
    return;
  }
  const doc = parseSddl(entry.sddl);
  const fatal = doc.problems.filter((p) => p.position === undefined);
  if (fatal.length > 0 || !doc.hasDacl) {
    const message =
      fatal.length > 0
        ? `This SDDL string cannot be read: ${fatal[0].message}.`
        : "This SDDL string has no DACL (D:) part, so it lists no permissions.";
    sink.error(
      `${message} If the console wrapped or cut a long line, print the string to a file: (Get-Acl "AD:<dn>").Sddl | Out-File acl-sddl.txt.`,
      at,
    );
    counts.records++;
    counts.rejected++;
    collector.add(entry.target, undefined);
    return;
  }
  for (const note of doc.notes) sink.warnOnce(`note:${note.replace(/^ACE \d+ /, "")}`, note, at);
  const names = { domain: dnsNameOfDn(entry.target) };
  const byPosition = new Map(doc.aces.map((a) => [a.position, a]));
  const problemsAt = new Map<number, string[]>();
  for (const p of doc.problems) if (p.position !== undefined) problemsAt.set(p.position, [...(problemsAt.get(p.position) ?? []), p.message]);
  for (let position = 1; position <= doc.daclAceCount; position++) {
    const problems = problemsAt.get(position);
    const ace = byPosition.get(position);
    if (problems !== undefined) {
      counts.records++;
      counts.rejected++;
      sink.error(`ACE ${position}: ${problems.join("; ")}. The entry was skipped.`, { row: entry.line, column: `Sddl ACE ${position}` });
      collector.add(entry.target, undefined);
      continue;
    }
    if (ace === undefined) continue; // an audit / callback ACE, noted above
    counts.records++;
    const built = sddlAceToAce(ace, names);
    if (built.ok === "skip") {
      sink.warning(built.note, { row: entry.line, column: `Sddl ACE ${position}` });
      continue;
    }
    if (!built.ok) {
      counts.rejected++;
      sink.error(`ACE ${position}: ${built.message}. The entry was skipped.`, { row: entry.line, column: `Sddl ACE ${position}` });
      collector.add(entry.target, undefined);
      continue;
    }
    collector.add(entry.target, built.ace);
  }
  if (doc.daclFlags.includes("P")) {
    sink.warnOnce(
      "protected",
      "The DACL is protected (SDDL flag P): permissions granted on parent objects (such as the domain root) do not reach this object.",
      at,
    );
  }
}

function parse(input: ParseInput): ParseResult {
  const sink = createIssueSink(input.fileName);
  const result = newResult("gmsa-acl", FORMAT);
  const maxRows = maxRowsOf(input.options);
  const csv = csvHeadOf(head(input.text, DETECT_WINDOW));
  const isCsv = csv !== undefined && csv.header.length >= 2 && csv.header.map(headerKey).some((k) => SDDL_KEYS.has(k));
  const entries = isCsv ? readCsvEntries(input.text, sink, maxRows) : readText(input.text, sink);
  if (entries === undefined) return finishResult(result, sink);
  if (entries.length === 0) {
    sink.error('No SDDL string was found. Paste the output of (Get-Acl "AD:<dn>").Sddl, or Get-Acl "AD:<dn>" | Format-List.');
    return finishResult(result, sink);
  }
  const untargeted = entries.filter((e) => e.target === undefined);
  if (untargeted.length > 1) {
    sink.error(
      "The file holds several SDDL strings but does not say which object each one is for. Put the distinguished name before each " +
        "(DN<tab>SDDL, or a DN line above it), or upload them separately.",
    );
    return finishResult(result, sink);
  }
  const collector = createAclCollector();
  const counts = { records: 0, rejected: 0 };
  const seen = new Set<string>();
  for (const entry of entries) {
    const key = (entry.target ?? "").toLowerCase();
    if (seen.has(key)) {
      sink.error(`A second SDDL string for ${displayValue(entry.target ?? "the same object", 120)} was found; each object may appear once. The string was skipped.`, {
        row: entry.line,
        column: "Sddl",
      });
      continue;
    }
    seen.add(key);
    readEntry(entry, sink, collector, counts);
    if (counts.records > maxRows) {
      sink.error(`The file has more than ${maxRows.toLocaleString("en-US")} access rules, the limit for one upload; nothing was imported.`);
      return finishResult(result, sink);
    }
  }
  result.records = counts.records;
  result.rejected = counts.rejected;
  const account = input.options.account?.trim();
  if (account !== undefined && account !== "" && !isSidString(account)) {
    sink.warning(
      `In SDDL every domain account is a SID, so ${displayValue(account)} is recognised only when its SID is known: upload the domain facts ` +
        "with the gMSA's SID (Get-ADServiceAccount <name> -Properties objectSid), or enter the gMSA as its SID (S-1-5-21-…).",
    );
  }
  result.acls = assembleAcls(collector.groups(), { suggestInto: result, sink, options: input.options, ordered: true });
  return finishResult(result, sink);
}

const sddlText: FormatParser = {
  id: FORMAT,
  kind: "gmsa-acl",
  label: "Security descriptor strings (SDDL), e.g. (Get-Acl \"AD:<dn>\").Sddl",
  detect,
  parse,
};

export default sddlText;
