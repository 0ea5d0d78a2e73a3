import { hostFactsSchema, type HostFacts } from "@/lib/facts";
import type { HostRecord } from "../types";
import type { IssueSink } from "../issues";
import { MAX_TEXT_LENGTH } from "../limits";
import { displayValue, hasDeceptiveCharacters } from "../text/display";
import { isObject } from "../json/access";

/** Fact path ("os.build") -> the column / JSON path / key it was read from, for messages. */
export type FactSources = Map<string, string>;

function sourceOf(sources: ReadonlyMap<string, string> | undefined, path: string): string {
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

/** True for the facts object of a record returned by acceptHost (not a copy; any other object is false). */
export function isAcceptedHostFacts(facts: HostFacts): boolean {
  return acceptedFacts.has(facts);
}

/**
 * Validates one host against the facts schema before it is accepted. A failing record becomes one
 * row-level error per problem (file, row, column, message) and is not returned.
 */
export function acceptHost(
  facts: HostFacts,
  ctx: { sink: IssueSink; row?: number; sources?: ReadonlyMap<string, string> },
): HostRecord | undefined {
  const { sink, row, sources } = ctx;
  let tooLong = false;
  scanStrings(facts, [], (value, path) => {
    if (value.length > MAX_TEXT_LENGTH) {
      sink.error(`The value is ${value.length} characters long; at most ${MAX_TEXT_LENGTH} are accepted. The row was skipped.`, {
        row,
        column: sourceOf(sources, path()),
      });
      tooLong = true;
    } else if (hasDeceptiveCharacters(value)) {
      sink.warning(
        `${displayValue(value)} contains invisible or right-to-left override characters that can disguise text; it was kept as is.`,
        { row, column: sourceOf(sources, path()) },
      );
    }
  });
  if (tooLong) return undefined;

  const parsed = hostFactsSchema.safeParse(facts);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((p) => typeof p === "string" || typeof p === "number").join(".");
      sink.error(`Invalid value (${path}): ${issue.message}. The row was skipped.`, { row, column: sourceOf(sources, path) });
    }
    return undefined;
  }
  acceptedFacts.add(parsed.data);
  return row === undefined ? { facts: parsed.data } : { row, facts: parsed.data };
}
