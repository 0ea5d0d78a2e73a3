import { describe } from "vitest";
import rule from "./host-port-8080";
import { itBehavesAsPortRule } from "./testing/port-rule-behaviour";

describe("host-port-8080", () => {
  itBehavesAsPortRule(rule, 8080);
});
