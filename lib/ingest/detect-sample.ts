import { DETECT_WINDOW } from "./limits";
import { head } from "./text/lines";

const samples = new WeakMap<object, string>();

/**
 * The first DETECT_WINDOW characters of the input's text, lowercased: what the JSON formats' detectors search. Kept per
 * input (weakly), since detection asks it once per detector and an archive of 50,000 reports is detected entry by entry.
 */
export function lowercaseSample(input: { readonly text: string }): string {
  let sample = samples.get(input);
  if (sample === undefined) {
    sample = head(input.text, DETECT_WINDOW).toLowerCase();
    samples.set(input, sample);
  }
  return sample;
}
