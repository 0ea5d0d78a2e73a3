import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/**
 * The axe-core rules a colour theme can change: the DOM, names, roles and structure are the same in every theme (the
 * theme is CSS only), so a page already checked in full in one theme is checked in another for these alone.
 */
export const COLOUR_RULES = ["color-contrast", "link-in-text-block"];

/**
 * Zero serious or critical axe-core violations; the failure names each rule and the elements. `rules`: only these
 * (COLOUR_RULES for a second theme). Only violations are collected: axe otherwise also gathers every node that
 * passes, which took seconds more on the pages with long tables; every rule still runs on every node.
 */
export async function expectAccessible(page: Page, options: { rules?: readonly string[] } = {}): Promise<void> {
  const builder = new AxeBuilder({ page }).options({ resultTypes: ["violations"] });
  if (options.rules) builder.withRules([...options.rules]);
  const results = await builder.analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => `${node.target.join(" ")} (${node.failureSummary?.split("\n")[1]?.trim() ?? ""})`).join(" | ")}`);
  expect(serious, "serious/critical accessibility violations").toEqual([]);
}
