import { COLLECTOR_NAME } from "../collector/schema";

const MARKER = `"${COLLECTOR_NAME.toLowerCase()}"`;

/** True when the lowercased sample (lowercaseSample in detect-sample.ts) names the project's own collector: its JSON belongs to the collector-json format. */
export function namesCollector(lowercaseSample: string): boolean {
  return lowercaseSample.includes(MARKER);
}
