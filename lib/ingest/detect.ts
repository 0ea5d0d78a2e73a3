import type { FormatParser, ParseInput } from "./types";
import { FORMAT_PARSERS, formatById } from "./formats";
import { displayValue } from "./text/display";

/** Detection needs at least this confidence... */
export const MIN_CONFIDENCE = 0.5;
/** ...and a lead of this much over the runner-up, otherwise the user is asked to choose. */
export const AMBIGUITY_MARGIN = 0.05;

export interface DetectCandidate {
  id: string;
  label: string;
  confidence: number;
}

export type DetectResult =
  | { ok: true; parser: FormatParser; confidence: number; candidates: DetectCandidate[]; overridden: boolean }
  | { ok: false; message: string; candidates: DetectCandidate[] };

function describe(candidates: readonly DetectCandidate[]): string {
  return candidates.map((c) => `${c.label} [${c.id}] (${Math.round(c.confidence * 100)}%)`).join(", ");
}

/**
 * Runs every parser's `detect` (a throwing detector counts as 0) and picks the best. Low confidence or a near tie is an
 * error listing the candidates, so the user can choose the format by id (`formatOverride`).
 */
export function detectFormat(input: ParseInput, formatOverride?: string, parsers: readonly FormatParser[] = FORMAT_PARSERS): DetectResult {
  if (formatOverride !== undefined && formatOverride !== "") {
    const parser = formatById(formatOverride, parsers);
    if (parser === undefined) {
      return {
        ok: false,
        message: `Unknown format ${displayValue(formatOverride, 64)}. Known formats: ${parsers.map((p) => p.id).join(", ")}.`,
        candidates: [],
      };
    }
    return { ok: true, parser, confidence: 1, candidates: [{ id: parser.id, label: parser.label, confidence: 1 }], overridden: true };
  }

  const scored = parsers.map((parser) => {
    let confidence = 0;
    try {
      const value = parser.detect(input);
      confidence = Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
    } catch {
      confidence = 0;
    }
    return { parser, confidence };
  });
  scored.sort((a, b) => b.confidence - a.confidence);
  const candidates = scored
    .filter((s) => s.confidence > 0)
    .map((s) => ({ id: s.parser.id, label: s.parser.label, confidence: s.confidence }));
  const [best, second] = scored;
  if (best === undefined || best.confidence < MIN_CONFIDENCE) {
    const near = candidates.length > 0 ? ` Closest matches: ${describe(candidates.slice(0, 3))}.` : "";
    return {
      ok: false,
      message:
        `The file's format was not recognised.${near} Supported formats: ${parsers.map((p) => p.label).join("; ")}. ` +
        `If the file is one of them, choose the format manually.`,
      candidates,
    };
  }
  if (second !== undefined && second.confidence >= MIN_CONFIDENCE && best.confidence - second.confidence < AMBIGUITY_MARGIN) {
    const tied = candidates.filter((c) => best.confidence - c.confidence < AMBIGUITY_MARGIN);
    return {
      ok: false,
      message: `The file matches several formats equally well: ${describe(tied)}. Choose the format manually.`,
      candidates,
    };
  }
  return { ok: true, parser: best.parser, confidence: best.confidence, candidates, overridden: false };
}
