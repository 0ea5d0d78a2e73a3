import type { FormatParser, ParseInput, ParseResult } from "../types";
import { createIssueSink } from "../issues";
import { finishResult, newResult } from "../result";
import { DETECT_WINDOW, maxRowsOf } from "../limits";
import { head, splitLines } from "../text/lines";
import { addComputerInfoHost, tooManyComputerInfoHosts } from "../host/computerinfo";
import { normalizeHotfixList } from "../host/hotfixes";

/**
 * `Get-ComputerInfo` console output (Format-List): `Key<padding> : value` lines, empty values as `Key : `,
 * collections as `{a, b, c…}` (U+2026 or "..." when $FormatEnumerationLimit cut them), long values wrapped onto
 * indented continuation lines, several hosts separated by blank lines (or simply repeating keys).
 */

const FORMAT = "computerinfo-list";

const KEY_LINE = /^([A-Za-z][A-Za-z0-9_]*)\s+:(?: (.*))?$/;
const KNOWN_KEY = /^(Windows|Os|Cs|Bios|HyperV|Device|TimeZone|LogonServer|PowerPlatformRole|KeyboardLayout)[A-Za-z0-9_]*\s+:/gm;
const PROMPT = /^\s*(PS\s+)?[A-Za-z]:\\[^>]*>|^\s*PS>/;
const TRUNCATED = /(…|\.\.\.)\s*\}?\s*$/;
const KB = /KB\d{5,8}/gi;

function detect(input: ParseInput): number {
  const sample = head(input.text, DETECT_WINDOW);
  if (/^\s*[[{]/.test(sample) && !/^\s*\{?\s*[A-Za-z]+\s+:/.test(sample)) return 0;
  const hits = sample.match(KNOWN_KEY)?.length ?? 0;
  if (hits >= 3) return 0.95;
  if (hits >= 1) return 0.5;
  return 0;
}

interface Block {
  line: number;
  values: Map<string, { key: string; value: string; line: number }>;
}

function parse(input: ParseInput): ParseResult {
  const sink = createIssueSink(input.fileName);
  const result = newResult("host-inventory", FORMAT);
  const lines = splitLines(input.text);
  const blocks: Block[] = [];
  let current: Block | undefined;
  let lastKey: string | undefined;
  const close = () => {
    if (current !== undefined && current.values.size > 0) blocks.push(current);
    current = undefined;
    lastKey = undefined;
  };

  lines.forEach((line, i) => {
    const lineNo = i + 1;
    if (line.trim() === "") {
      close();
      return;
    }
    if (PROMPT.test(line)) return;
    const match = KEY_LINE.exec(line);
    if (match) {
      const key = match[1];
      const lower = key.toLowerCase();
      if (current !== undefined && current.values.has(lower)) close();
      current ??= { line: lineNo, values: new Map() };
      current.values.set(lower, { key, value: (match[2] ?? "").trim(), line: lineNo });
      lastKey = lower;
      return;
    }
    if (/^\s/.test(line) && current !== undefined && lastKey !== undefined) {
      const entry = current.values.get(lastKey);
      if (entry !== undefined) entry.value = `${entry.value} ${line.trim()}`.trim();
      return;
    }
    sink.warnOnce("unrecognised-line", `Line ${lineNo} is not a "Property : value" line and was ignored (first such line shown).`, {
      row: lineNo,
    });
  });
  close();

  const maxRows = maxRowsOf(input.options);
  if (blocks.length === 0) {
    sink.error('No "Property : value" lines were found. Paste the complete output of Get-ComputerInfo.');
    return finishResult(result, sink);
  }
  if (tooManyComputerInfoHosts(blocks.length, maxRows, sink)) return finishResult(result, sink);

  for (const block of blocks) {
    result.records++;
    const row = block.line;
    const hotfixEntry = block.values.get("oshotfixes");
    let hotfixes: string[] | undefined;
    if (hotfixEntry !== undefined && hotfixEntry.value !== "") {
      hotfixes = normalizeHotfixList(hotfixEntry.value.match(KB) ?? []);
      if (TRUNCATED.test(hotfixEntry.value)) {
        sink.warning(
          `The hotfix list was truncated by PowerShell (it ends with "…"), so only ${hotfixes.length} hotfix(es) were read and a missing KB may be installed. ` +
            `Run $FormatEnumerationLimit = -1 before Get-ComputerInfo, or export with Get-ComputerInfo | ConvertTo-Json -Depth 4.`,
          { row: hotfixEntry.line, column: hotfixEntry.key },
        );
      }
    }
    addComputerInfoHost(
      result,
      {
        value(key) {
          const entry = block.values.get(key.toLowerCase());
          return entry === undefined || entry.value === "" ? undefined : entry.value;
        },
        column(key) {
          return block.values.get(key.toLowerCase())?.key ?? key;
        },
        hotfixes,
      },
      { sink, row, defaultDomain: input.options.defaultDomain, identityColumn: "CsDNSHostName" },
    );
  }
  return finishResult(result, sink);
}

const computerInfoList: FormatParser = {
  id: FORMAT,
  kind: "host-inventory",
  label: "Get-ComputerInfo console output (Format-List)",
  detect,
  parse,
};

export default computerInfoList;
