import { describe } from "vitest";
import rule from "./host-port-80";
import { itBehavesAsPortRule } from "./host/port-rule-behaviour";

describe("host-port-80", () => {
  itBehavesAsPortRule(rule, 80);
});
