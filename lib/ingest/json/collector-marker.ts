import { COLLECTOR_NAME } from "../collector/schema";

/** True when the text names the project's own collector: its JSON belongs to the collector-json format. */
export function namesCollector(sample: string): boolean {
  return sample.toLowerCase().includes(`"${COLLECTOR_NAME.toLowerCase()}"`);
}
