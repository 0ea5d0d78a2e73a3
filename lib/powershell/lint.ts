/**
 * A tokenizer-level check that a text is runnable PowerShell and not prose with a command in it: what the app puts
 * in a code box ("How to collect it", a rule's generated fix) must paste into a console and run.
 *
 * Not a parser. It tokenizes enough of the language (quotes with their escapes, here-strings, comments, `$( )`
 * subexpressions, script blocks, hashtables, parentheses) to find:
 * - unbalanced quotes, braces, parentheses and brackets;
 * - a statement that does not start like PowerShell: a Verb-Noun cmdlet, a variable, a keyword, a comment, an
 *   expression (`(`, `[`, `@(`, a string, a number), `&`/`.` invocation, a script path, or a known executable
 *   (dsacls, netsh, reg, w32tm, klist, ...);
 * - prose: an "(or ...)" parenthetical, a bare English word such as "to", "then" or "and" where PowerShell would
 *   take it as an argument, a line ending in a full stop, an unquoted `<placeholder>`.
 * Pure and dependency-free: the unit tests of the rules and the Playwright specs import the same function.
 */

export interface PowerShellProblem {
  /** 1-based line of the problem. */
  line: number;
  message: string;
}

/** Approved verbs (Get-Verb) and the few core cmdlet verbs outside that list (ForEach-Object, Where-Object...). */
const VERBS = new Set(
  (
    "add approve assert backup block build checkpoint clear close compare complete compress confirm connect convert convertfrom convertto " +
    "copy debug deny deploy disable disconnect dismount edit enable enter exit expand export find foreach format get grant group hide " +
    "import initialize install invoke join limit lock measure merge mount move new open optimize out ping pop protect publish push read " +
    "receive redo register remove rename repair request reset resize resolve restart restore resume revoke save search select send set " +
    "show skip sort split start step stop submit suspend switch sync tee test trace unblock undo uninstall unlock unprotect unpublish " +
    "unregister update use wait watch where write"
  ).split(" "),
);

const KEYWORDS = new Set(
  (
    "begin break catch class continue data do dynamicparam else elseif end enum exit filter finally for foreach function if in param " +
    "process return switch throw trap try until using while"
  ).split(" "),
);

/** Windows executables an admin runs from PowerShell as they are. */
const EXECUTABLES = new Set(
  (
    "adprep adprep.exe auditpol auditpol.exe certutil certutil.exe cmd cmd.exe curl.exe dcdiag dcdiag.exe dsacls dsacls.exe findstr " +
    "findstr.exe gpresult gpresult.exe gpupdate gpupdate.exe icacls icacls.exe ipconfig klist klist.exe netsh netsh.exe nltest " +
    "nltest.exe nslookup powershell powershell.exe pwsh pwsh.exe reg reg.exe repadmin repadmin.exe sc.exe setspn setspn.exe w32tm " +
    "w32tm.exe whoami whoami.exe winver"
  ).split(" "),
);

/** English words that are never an unquoted PowerShell argument in what this app writes: their presence means prose. */
const PROSE_WORDS = new Set(
  "a an and are as at be by e.g. each every for from i.e. is it its of on or per run see such that the then this to via when with".split(" "),
);

type Frame = "block" | "hash" | "paren" | "group" | "bracket" | "subexpr";

const CLOSER: Record<string, string> = { "{": "}", "(": ")", "[": "]" };

/** Every problem found; an empty list means the text passes. */
export function lintPowerShell(code: string): PowerShellProblem[] {
  const problems: PowerShellProblem[] = [];
  const text = code.replace(/\r\n?/g, "\n");
  if (text.trim() === "") return [{ line: 1, message: "empty code" }];
  const stack: { frame: Frame; line: number; char: string }[] = [];
  let line = 1;
  let i = 0;
  /** True where the next token starts a statement (start of text, after `;`, a newline, `{`). */
  let statementStart = true;
  /** True where the next token is the command after `|`. */
  let afterPipe = false;
  /** The last non-space character of code on this line (for continuation and full-stop checks). */
  let lastCodeChar = "";

  const top = (): Frame => (stack.length === 0 ? "block" : stack[stack.length - 1]!.frame);
  const inStatementContext = () => top() === "block" || top() === "subexpr" || top() === "group";
  const report = (message: string, at = line) => problems.push({ line: at, message });

  /** Reads a single-quoted string starting at `i` (on the opening quote); returns false when unterminated. */
  const singleQuoted = (): boolean => {
    const startLine = line;
    i++;
    while (i < text.length) {
      const c = text[i]!;
      if (c === "\n") line++;
      if (c === "'" || c === "\u2019" || c === "\u2018") {
        if (text[i + 1] === "'") {
          i += 2;
          continue;
        }
        i++;
        return true;
      }
      i++;
    }
    report("unterminated single-quoted string", startLine);
    return false;
  };

  /** Reads a double-quoted string, with `$( )` subexpressions read as code. */
  const doubleQuoted = (): boolean => {
    const startLine = line;
    i++;
    while (i < text.length) {
      const c = text[i]!;
      if (c === "\n") line++;
      if (c === "`") {
        if (text[i + 1] === "\n") line++;
        i += 2;
        continue;
      }
      if (c === '"') {
        if (text[i + 1] === '"') {
          i += 2;
          continue;
        }
        i++;
        return true;
      }
      if (c === "$" && text[i + 1] === "(") {
        i += 2;
        if (!codeUntil(")")) return false;
        continue;
      }
      i++;
    }
    report("unterminated double-quoted string", startLine);
    return false;
  };

  /** Reads a here-string @' ... '@ or @" ... "@ (the closing marker at the start of a line). */
  const hereString = (quote: string): boolean => {
    const startLine = line;
    const end = text.indexOf(`\n${quote}@`, i + 2);
    if (end < 0) {
      report("unterminated here-string", startLine);
      i = text.length;
      return false;
    }
    for (let k = i; k < end + 1; k++) if (text[k] === "\n") line++;
    i = end + 3;
    return true;
  };

  /** Checks the word at a statement start (or after a pipe). */
  const checkCommandWord = (word: string, pipe: boolean) => {
    const lower = word.toLowerCase();
    if (KEYWORDS.has(lower)) return;
    if (EXECUTABLES.has(lower)) return;
    if (pipe && (word === "%" || word === "?")) return;
    if (/^\.{0,2}\\|^[A-Za-z]:\\/.test(word) && /\.(ps1|exe|cmd|bat)$/i.test(word)) return; // .\script.ps1, C:\x\y.exe
    const verbNoun = /^([A-Za-z]+)-[A-Za-z][A-Za-z0-9]*$/.exec(word);
    if (verbNoun) {
      if (VERBS.has(verbNoun[1]!.toLowerCase())) return;
      report(`"${word}" is not a cmdlet (its verb "${verbNoun[1]}" is not an approved PowerShell verb)`);
      return;
    }
    report(`"${word}" does not start a PowerShell ${pipe ? "pipeline stage" : "statement"} (prose?)`);
  };

  /**
   * Reads code until `closer` (a `)` ending a subexpression, or the end of the text when ""), tracking frames.
   * Returns false on an unterminated string (reported).
   */
  function codeUntil(closer: string): boolean {
    const base = stack.length;
    if (closer === ")") {
      stack.push({ frame: "subexpr", line, char: "(" });
      statementStart = true;
    }
    while (i < text.length) {
      const c = text[i]!;
      const next = text[i + 1];
      if (c === "\n") {
        // A line continues the statement when it ends with a pipe, a comma or an operator (a backtick is read below).
        if (lastCodeChar === ".") report("ends with a full stop, like a sentence");
        line++;
        i++;
        if (lastCodeChar === "|") afterPipe = true;
        else if (!/^[,=+]$/.test(lastCodeChar)) statementStart = inStatementContext();
        lastCodeChar = "";
        continue;
      }
      if (c === " " || c === "\t") {
        i++;
        continue;
      }
      if (c === "`") {
        lastCodeChar = "`";
        i += 2;
        if (next === "\n") {
          line++;
          lastCodeChar = "";
        }
        continue;
      }
      if (c === "#") {
        // A comment: to the end of the line.
        while (i < text.length && text[i] !== "\n") i++;
        continue;
      }
      if (c === "<" && next === "#") {
        const end = text.indexOf("#>", i + 2);
        const stop = end < 0 ? text.length : end + 2;
        if (end < 0) report("unterminated block comment");
        for (let k = i; k < stop; k++) if (text[k] === "\n") line++;
        i = stop;
        continue;
      }
      if (c === "<") {
        report("unquoted \"<\": a placeholder like <domain DN> must be filled in or quoted, and PowerShell has no input redirection");
        i++;
        lastCodeChar = c;
        continue;
      }
      if (c === "@" && (next === "'" || next === '"') && text[i + 2] === "\n") {
        statementStart = false;
        afterPipe = false;
        hereString(next);
        lastCodeChar = next;
        continue;
      }
      if (c === "'" || c === "\u2018" || c === "\u2019") {
        statementStart = false;
        afterPipe = false;
        if (!singleQuoted()) return false;
        lastCodeChar = "'";
        continue;
      }
      if (c === '"' || c === "\u201c" || c === "\u201d") {
        if (c !== '"') report("typographic quote (“ ”) instead of \"");
        statementStart = false;
        afterPipe = false;
        if (!doubleQuoted()) return false;
        lastCodeChar = '"';
        continue;
      }
      if (c === ";") {
        statementStart = inStatementContext();
        afterPipe = false;
        lastCodeChar = "";
        i++;
        continue;
      }
      if (c === "|") {
        if (next === "|") {
          i += 2; // PowerShell 7 pipeline chain ||
          statementStart = true;
          lastCodeChar = "|";
          continue;
        }
        afterPipe = true;
        statementStart = false;
        lastCodeChar = "|";
        i++;
        continue;
      }
      if (c === "&" && next === "&") {
        i += 2;
        statementStart = true;
        lastCodeChar = "&";
        continue;
      }
      if (c === "{" || c === "(" || c === "[") {
        const prev = text[i - 1];
        let frame: Frame = c === "{" ? "block" : c === "(" ? "paren" : "bracket";
        if (c === "{" && prev === "@") frame = "hash";
        if (c === "(" && (prev === "$" || prev === "@")) frame = "subexpr";
        // A grouping "(...)" after a space holds a pipeline: "(Get-ADRootDSE).x" or, wrongly, "(expect 91)". A method
        // call's "(" follows a name and holds arguments.
        else if (c === "(" && (prev === undefined || /[\s(!,=]/.test(prev))) frame = "group";
        if (c === "(" && /^\(or[\s:]/i.test(text.slice(i, i + 4))) report('"(or ...)" is prose, not PowerShell');
        stack.push({ frame, line, char: c });
        statementStart = frame === "block" || frame === "subexpr" || frame === "group";
        afterPipe = false;
        lastCodeChar = c;
        i++;
        continue;
      }
      if (c === "}" || c === ")" || c === "]") {
        if (c === ")" && closer === ")" && stack.length === base + 1) {
          stack.pop();
          i++;
          statementStart = false;
          lastCodeChar = ")";
          return true;
        }
        const open = stack.pop();
        if (!open || stack.length < base) {
          report(`unbalanced "${c}" (nothing open to close)`);
          if (open) stack.push(open);
        } else if (CLOSER[open.char] !== c) {
          report(`"${c}" closes the "${open.char}" opened on line ${open.line}`);
        }
        statementStart = false;
        afterPipe = false;
        lastCodeChar = c;
        i++;
        continue;
      }
      // A word (or an operator, a variable, a number): read to the next delimiter.
      let j = i;
      while (j < text.length && !/[\s;|(){}\[\]'"`#<]/.test(text[j]!) ) j++;
      // `$` followed by `(` or `{` was cut above; a word like `$env:X` or `-Name` is read whole.
      if (j === i) j = i + 1;
      const word = text.slice(i, j);
      const atStart = statementStart && inStatementContext();
      const pipeStage = afterPipe;
      if ((atStart || pipeStage) && !/^[$@.&(\[0-9-]/.test(word)) {
        checkCommandWord(word, pipeStage);
      } else if ((atStart || pipeStage) && /^\.$/.test(word)) {
        // dot-sourcing: ". .\x.ps1"
      } else if (inStatementContext() && PROSE_WORDS.has(word.toLowerCase()) && word === word.toLowerCase()) {
        report(`the bare word "${word}" reads as prose, not as an argument`);
      } else if (inStatementContext() && /^[a-z]+[.,:]$/.test(word) && PROSE_WORDS.has(word.slice(0, -1))) {
        report(`the bare word "${word}" reads as prose, not as an argument`);
      }
      statementStart = false;
      afterPipe = false;
      // A line ending in "word." is a sentence, unless it is a path, a number or a member access ($x.).
      lastCodeChar = word.endsWith(".") && !/^[.\\]/.test(word) && !/^\d/.test(word) ? "." : word[word.length - 1]!;
      i = j;
    }
    if (closer === ")") {
      report("unterminated $( ) subexpression");
      return false;
    }
    if (lastCodeChar === ".") report("ends with a full stop, like a sentence");
    return true;
  }

  codeUntil("");
  for (const open of stack) report(`"${open.char}" opened on line ${open.line} is never closed`, open.line);
  return problems;
}

/** The problems as one readable string ("line 2: ..."), empty when the code passes. */
export function describePowerShellProblems(code: string): string {
  return lintPowerShell(code)
    .map((problem) => `line ${problem.line}: ${problem.message}`)
    .join("\n");
}

/** True when the text passes the check: safe to show in a code box with a copy button. */
export function isRunnablePowerShell(code: string): boolean {
  return lintPowerShell(code).length === 0;
}
