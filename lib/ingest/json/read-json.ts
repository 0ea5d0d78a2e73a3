import type { IssueSink } from "../issues";
import { parseJson } from "./parse-json";

/** Parses the file's JSON; on failure records a file-level error (with line and column) and returns undefined. */
export function readJsonFile(text: string, sink: IssueSink): { value: unknown } | undefined {
  const parsed = parseJson(text);
  if (!parsed.ok) {
    sink.error(parsed.message);
    return undefined;
  }
  return { value: parsed.value };
}
