/**
 * Splits PowerShell Format-Table console output into cells.
 *
 * The dashes line gives each column's label extent; the label is as wide as its dashes, but the column itself may be
 * wider: right-aligned columns (enums, booleans, numbers) grow to the left, left-aligned ones (strings, GUIDs) to the
 * right. Between two dash runs there is always a position that is blank in every row of the table: the real separator.
 * Of the positions blank in every row we take the rightmost one that is not the space of a ", " inside a flags value
 * such as "ReadProperty, WriteProperty", which keeps strings with spaces
 * ("CORP\Domain Admins") whole and lets wide right-aligned values grow leftwards.
 */

export interface ColumnSpan {
  /** Label as printed above the dashes. */
  label: string;
  /** Dash run, inclusive. */
  dashStart: number;
  dashEnd: number;
}

/**
 * Only dashes and blanks, with at least one run of `minRun` dashes. Linear: /^[\s-]*-[\s-]*$/ backtracks
 * quadratically on a long line of dashes and blanks that ends in anything else.
 */
export function isDashesLine(line: string, minRun: number): boolean {
  return /^[\s-]*$/.test(line) && line.includes("-".repeat(minRun));
}

/** Columns from a header line and its dashes line; undefined when the second line is not a dashes line. */
export function columnsFromDashes(header: string, dashes: string): ColumnSpan[] | undefined {
  if (!isDashesLine(dashes, 1)) return undefined;
  const spans: ColumnSpan[] = [];
  const run = /-+/g;
  for (let m = run.exec(dashes); m !== null; m = run.exec(dashes)) {
    const dashStart = m.index;
    const dashEnd = m.index + m[0].length - 1;
    spans.push({ label: header.slice(dashStart, dashEnd + 1).trim(), dashStart, dashEnd });
  }
  return spans.length > 0 ? spans : undefined;
}

function blankAt(line: string, p: number): boolean {
  return p >= line.length || line.charCodeAt(p) === 32 || line.charCodeAt(p) === 9;
}

/** Blank, and not the space of a ", " inside a flags list ("ReadProperty, WriteProperty"); a wrapped chunk may end with ",". */
function separatorCandidate(line: string, p: number): boolean {
  if (!blankAt(line, p)) return false;
  return p === 0 || line.charCodeAt(p - 1) !== 44 || blankAt(line, p + 1);
}

/**
 * Separator positions (one per gap between columns) valid for every line, or undefined for a gap where no single
 * position works for all lines (then split per line).
 */
export function tableSeparators(spans: readonly ColumnSpan[], lines: readonly string[]): Array<number | undefined> {
  const separators: Array<number | undefined> = [];
  for (let k = 0; k + 1 < spans.length; k++) {
    let chosen: number | undefined;
    for (let p = spans[k + 1].dashStart - 1; p > spans[k].dashEnd; p--) {
      if (lines.every((line) => separatorCandidate(line, p))) {
        chosen = p;
        break;
      }
    }
    separators.push(chosen);
  }
  return separators;
}

/** Cells of one line; undefined when a gap has no usable separator on this line. */
export function splitFixedWidth(
  line: string,
  spans: readonly ColumnSpan[],
  separators: ReadonlyArray<number | undefined>,
): string[] | undefined {
  const cuts: number[] = [];
  for (let k = 0; k + 1 < spans.length; k++) {
    let cut = separators[k];
    if (cut === undefined) {
      for (let p = spans[k + 1].dashStart - 1; p > spans[k].dashEnd; p--) {
        if (separatorCandidate(line, p)) {
          cut = p;
          break;
        }
      }
    }
    if (cut === undefined) return undefined;
    cuts.push(cut);
  }
  const cells: string[] = [];
  let start = 0;
  for (const cut of cuts) {
    cells.push(line.slice(start, cut).trim());
    start = cut + 1;
  }
  cells.push(line.slice(start).trim());
  return cells;
}

/** Width of each column between separators (for joining wrapped values). */
export function columnWidths(spans: readonly ColumnSpan[], separators: ReadonlyArray<number | undefined>, lineLength: number): number[] {
  const widths: number[] = [];
  let start = 0;
  for (let k = 0; k < spans.length; k++) {
    const end = k < separators.length ? (separators[k] ?? spans[k].dashEnd + 1) : Math.max(lineLength, spans[k].dashEnd + 1);
    widths.push(end - start);
    start = end + 1;
  }
  return widths;
}
