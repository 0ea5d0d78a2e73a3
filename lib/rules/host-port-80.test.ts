import { describe } from "vitest";
import rule from "./host-port-80";
import { itBehavesAsPortRule } from "./testing/port-rule-behaviour";

describe("host-port-80", () => {
  itBehavesAsPortRule(rule, 80);
});
