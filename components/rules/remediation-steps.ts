/**
 * A rule's written remediation steps mix prose and commands ("Find the schema master: Get-ADForest | Select-Object
 * SchemaMaster"). This splits a step into the explanation and the command(s), so the rule page can show each command
 * in its own box with a copy button and keep the words outside it. Registry values written as
 * `HKLM\…: Name = 1 (DWORD)` become the PowerShell that sets them, and a Microsoft Graph `GET https://…` becomes
 * Invoke-MgGraphRequest. A step without a recognisable command stays prose: nothing is guessed into a box.
 */
export interface StepCommand {
  /** Runnable PowerShell, possibly with `<placeholders>` to fill in. */
  code: string;
  /** Words introducing an alternative ("or"), when this is not the first command. */
  intro?: string;
}

export interface RemediationStep {
  /** The words before the command (trailing colon removed), or the whole step when it has no command. */
  before: string;
  commands: StepCommand[];
  /** The words after the command (what to expect, what to do next). */
  after: string;
}

const CMDLET = /^\(*[A-Z][a-z]+-[A-Z][A-Za-z0-9]*(?=\s|$|;|\)|\.)/;
const EXE = /^(?:dsacls|adprep(?:\.exe)?|klist|<[^<>]+>\\\S+\.exe)(?=\s|$)/i;
const ASSIGNMENT = /^\$[A-Za-z_]\w* = /;
/** Where a command may start: the step's beginning, after a colon, after "or", "use", "with". */
const BOUNDARY = /(?:^|: |\bor |\buse |\bwith )/g;
/** Prose that ends a command when it appears outside quotes, brackets and braces. */
const PROSE_AFTER = /^(?:,\s+|\s+)(?:or|then|and|returns|so|in|to|for|which|with|before|after|if|until)\s+(?=[a-z0-9'"(])/;

/** The argument after a command name is code (a parameter, a value, a pipe), not an English word. */
function looksLikeCode(rest: string): boolean {
  const next = rest.trimStart();
  if (next === "") return true;
  const word = /^[a-z]+(?=[\s,.;)]|$)/.exec(next);
  return word === null;
}

function commandStart(text: string): number {
  for (const match of text.matchAll(BOUNDARY)) {
    const at = match.index + match[0].length;
    const rest = text.slice(at);
    const name = CMDLET.exec(rest) ?? EXE.exec(rest);
    if (name && looksLikeCode(rest.slice(name[0].length))) return at;
    if (ASSIGNMENT.test(rest)) return at;
  }
  return -1;
}

/** The index where prose starts inside `command` (outside quotes and brackets), or its length. */
function proseStart(command: string): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (quote) {
      if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === "(" || c === "{" || c === "[") depth++;
    else if (c === ")" || c === "}" || c === "]") depth = Math.max(0, depth - 1);
    else if (c === "<" && /^<[^<>|]+>/.test(command.slice(i))) i = command.indexOf(">", i);
    else if (depth === 0 && (c === " " || c === ",") && PROSE_AFTER.test(command.slice(i))) return i;
  }
  return command.length;
}

/** A final "(…)" that is prose ("(87 or more)", "(or dsacls …)"), split off the command. */
function trailingParenthesis(command: string): { code: string; inner: string } | null {
  if (!command.endsWith(")")) return null;
  let depth = 0;
  for (let i = command.length - 1; i >= 0; i--) {
    const c = command[i];
    if (c === ")") depth++;
    else if (c === "(") depth--;
    if (depth === 0) {
      if (i === 0 || command[i - 1] !== " ") return null;
      const inner = command.slice(i + 1, -1);
      if (!/\s/.test(inner) || CMDLET.test(inner) || /^[($-]/.test(inner)) return null;
      return { code: command.slice(0, i).trimEnd(), inner };
    }
  }
  return null;
}

function registryStep(step: string): RemediationStep | null {
  const match = /^(HK(?:LM|CU))\\([^:]+): (.+?)\.?$/.exec(step);
  if (!match) return null;
  const values = [...match[3]!.matchAll(/(\w+) = (\d+) \(DWORD\)/g)];
  const leftover = match[3]!.replace(/(\w+) = (\d+) \(DWORD\)/g, "").replace(/[,\s]/g, "");
  if (values.length === 0 || leftover !== "") return null;
  const path = `${match[1]}:\\${match[2]}`.replace(/'/g, "''");
  const lines = [`$key = '${path}'`, "if (-not (Test-Path $key)) { New-Item -Path $key -Force | Out-Null }"];
  for (const [, name, value] of values) lines.push(`Set-ItemProperty -Path $key -Name ${name} -Value ${value} -Type DWord`);
  return { before: `Set ${values.map(([, name, value]) => `${name} = ${value}`).join(" and ")} (DWORD) in ${match[1]}\\${match[2]}`, commands: [{ code: lines.join("\n") }], after: "" };
}

function graphStep(step: string): RemediationStep | null {
  const match = /^(.*?):?\s*GET (https:\/\/graph\.microsoft\.com\/\S+)(?:\s+\(([^)]*)\))?\.?$/.exec(step);
  if (!match) return null;
  const permissions = match[3]?.trim();
  return {
    before: match[1]!.trim(),
    commands: [{ code: `Invoke-MgGraphRequest -Method GET -Uri '${match[2]!.replace(/'/g, "''")}'` }],
    after: `Microsoft Graph PowerShell, after Connect-MgGraph${permissions ? ` (permission: ${permissions})` : ""}.`,
  };
}

function cleanBefore(text: string): string {
  return text.trim().replace(/:$/, "").trim();
}

/** Splits one written step into its explanation and command(s). */
export function splitRemediationStep(step: string): RemediationStep {
  const special = registryStep(step) ?? graphStep(step);
  if (special) return special;
  const start = commandStart(step);
  if (start < 0) return { before: step, commands: [], after: "" };
  let rest = step.slice(start);
  const end = proseStart(rest);
  let after = rest.slice(end).trim().replace(/^,\s*/, "");
  rest = rest.slice(0, end).trim();
  if (after === "" && rest.endsWith(".") && !/\.\w+\.$/.test(rest)) rest = rest.slice(0, -1).trimEnd();
  const commands: StepCommand[] = [];
  const tail = trailingParenthesis(rest);
  if (tail) {
    rest = tail.code;
    const alternative = /^or (.+)$/.exec(tail.inner);
    if (alternative && commandStart(alternative[1]!) === 0) {
      commands.push({ code: rest }, { code: alternative[1]!.trim(), intro: "or" });
    } else {
      after = `(${tail.inner})${after ? ` ${after}` : ""}`;
    }
  }
  if (commands.length === 0) commands.push({ code: rest });
  return { before: cleanBefore(step.slice(0, start)), commands, after: after.replace(/^\.$/, "") };
}

/** True when the command still has `<placeholders>` to replace before it runs. */
export function hasPlaceholders(code: string): boolean {
  return /<[A-Za-z][^<>]*>/.test(code);
}
