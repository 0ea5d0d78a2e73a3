import { hostFactsSchema, type HostFacts } from "@/lib/facts";
import type { HostRecord } from "../types";
import type { IssueSink } from "../issues";
import { MAX_TEXT_LENGTH } from "../limits";
import { displayValue, hasDeceptiveCharacters } from "../text/display";
import { isObject } from "../json/access";

/** Fact path ("os.build") -> the column / JSON path / key it was read from, for messages (a Map, or a draft's FactSources). */
export interface FactSourceLookup {
  get(path: string): string | undefined;
}

function sourceOf(sources: FactSourceLookup | undefined, path: string): string {
  if (sources === undefined) return path;
  let probe = path;
  for (;;) {
    const found = sources.get(probe);
    if (found !== undefined) return found;
    const dot = probe.lastIndexOf(".");
    if (dot === -1) return path;
    probe = probe.slice(0, dot);
  }
}

/** Visits every string in the facts with its dotted path (built only when a visitor asks for it). */
function scanStrings(value: unknown, parts: string[], visit: (value: string, path: () => string) => void): void {
  if (typeof value === "string") {
    visit(value, () => parts.join("."));
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) scanStrings(item, parts, visit);
    return;
  }
  if (!isObject(value)) return;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    parts.push(key);
    scanStrings(value[key], parts, visit);
    parts.pop();
  }
}

/** Facts objects that acceptHost produced (zod output): valid by construction, so parseFile need not parse them again. */
const acceptedFacts = new WeakSet<HostFacts>();

/** True for the facts object of a record returned by acceptHost or marked by markAcceptedHostFacts (not a copy; any other object is false). */
export function isAcceptedHostFacts(facts: HostFacts): boolean {
  return acceptedFacts.has(facts);
}

/**
 * Marks facts that another reader has just produced as hostFactsSchema's own output (the collector's normaliser), so
 * that parseFile does not validate them a second time. Only for a `hostFactsSchema.safeParse(...).data` not changed since.
 */
export function markAcceptedHostFacts(facts: HostFacts): void {
  acceptedFacts.add(facts);
}

/** Removes the value at `path` (the fact becomes unknown); true when something was removed. */
function dropPath(root: unknown, path: ReadonlyArray<string | number>): boolean {
  if (path.length === 0) return false;
  let node: unknown = root;
  for (let i = 0; i < path.length - 1; i++) {
    if (!isObject(node) && !Array.isArray(node)) return false;
    node = (node as Record<string | number, unknown>)[path[i]];
  }
  const last = path[path.length - 1];
  if (Array.isArray(node) && typeof last === "number") {
    if (last >= node.length) return false;
    node.splice(last, 1);
    return true;
  }
  if (!isObject(node) || !Object.hasOwn(node, last)) return false;
  delete (node as Record<string | number, unknown>)[last];
  return true;
}

/** Identity facts decide which server a row is: a bad one cannot be dropped, it rejects the row. */
const isIdentityPath = (path: ReadonlyArray<string | number>) => path[0] === "identity";

/** Ends the warning for a value that was dropped while its row was kept. */
export const CELL_IGNORED = "The value was ignored, so this fact is unknown for the server; the rest of the row was kept.";

/**
 * Validates one host against the facts schema before it is accepted. A value the schema refuses (or one
 * longer than MAX_TEXT_LENGTH) outside the identity is dropped with a warning naming row and column, and the
 * row is kept with that fact unknown; a bad identity value rejects the row (one error per problem).
 */
export function acceptHost(
  facts: HostFacts,
  ctx: { sink: IssueSink; row?: number; sources?: FactSourceLookup },
): HostRecord | undefined {
  const { sink, row, sources } = ctx;
  const tooLong: Array<{ path: string[]; length: number }> = [];
  scanStrings(facts, [], (value, path) => {
    if (value.length > MAX_TEXT_LENGTH) {
      tooLong.push({ path: path().split("."), length: value.length });
    } else if (hasDeceptiveCharacters(value)) {
      sink.warning(
        `${displayValue(value)} contains invisible or right-to-left override characters that can disguise text; it was kept as is.`,
        { row, column: sourceOf(sources, path()) },
      );
    }
  });
  let rejected = false;
  for (const { path, length } of tooLong) {
    const column = sourceOf(sources, path.join("."));
    if (isIdentityPath(path)) {
      sink.error(`The value is ${length} characters long; at most ${MAX_TEXT_LENGTH} are accepted. The row was skipped.`, { row, column });
      rejected = true;
    } else {
      sink.warning(`The value is ${length} characters long; at most ${MAX_TEXT_LENGTH} are accepted. ${CELL_IGNORED}`, { row, column });
      dropPath(facts, path);
    }
  }
  if (rejected) return undefined;

  let parsed = hostFactsSchema.safeParse(facts);
  // Each pass drops the refused values outside the identity; two passes cover a parent emptied by the first.
  for (let pass = 0; pass < 2 && !parsed.success; pass++) {
    const issues = parsed.error.issues.map((issue) => ({
      issue,
      path: issue.path.filter((p): p is string | number => typeof p === "string" || typeof p === "number"),
    }));
    if (issues.some(({ path }) => isIdentityPath(path) || path.length === 0)) break;
    let dropped = false;
    for (const { issue, path } of issues) {
      const dotted = path.join(".");
      if (dropPath(facts, path)) {
        dropped = true;
        sink.warning(`Invalid value (${dotted}): ${issue.message}. ${CELL_IGNORED}`, { row, column: sourceOf(sources, dotted) });
      }
    }
    if (!dropped) break;
    parsed = hostFactsSchema.safeParse(facts);
  }
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((p) => typeof p === "string" || typeof p === "number").join(".");
      sink.error(`Invalid value (${path}): ${issue.message}. The row was skipped.`, { row, column: sourceOf(sources, path) });
    }
    return undefined;
  }
  markAcceptedHostFacts(parsed.data);
  return row === undefined ? { facts: parsed.data } : { row, facts: parsed.data };
}
