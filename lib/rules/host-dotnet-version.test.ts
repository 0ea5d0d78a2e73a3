import { describe, expect, it } from "vitest";
import rule from "./host-dotnet-version";
import { hostContext } from "./host/examples";
import { expectUnknown, itRunsExamples, itSurvivesMalformedFacts } from "./testing/host-kit";

describe("host-dotnet-version", () => {
  itRunsExamples(rule);
  itSurvivesMalformedFacts(rule);

  it("passes at exactly 461308 (4.7.1) and fails at 461307", () => {
    const atMinimum = rule.evaluate(hostContext({ dotnet: { release: 461308 } }));
    expect(atMinimum.status).toBe("pass");
    expect(atMinimum.evidence[0].actual).toEqual({ release: 461308, version: ".NET Framework 4.7.1" });
    expect(rule.evaluate(hostContext({ dotnet: { release: 461307 } })).status).toBe("fail");
  });

  it("names the version in the evidence of a stock Server 2016", () => {
    const outcome = rule.evaluate(hostContext({ dotnet: { release: 394802 } }));
    expect(outcome.evidence[0].actual).toEqual({ release: 394802, version: ".NET Framework 4.6.2" });
    expect(outcome.message).toContain("4.6.2");
  });

  it("fails when the Release value is absent (null), but is unknown when not collected", () => {
    expect(rule.evaluate(hostContext({ dotnet: { release: null } })).status).toBe("fail");
    const outcome = expectUnknown(rule.evaluate(hostContext({ dotnet: {} })));
    expect(outcome.reason.missingFact).toBe("host.dotnet.release");
    expect(outcome.reason.collect).toContain("NET Framework Setup\\NDP\\v4\\Full");
  });

  it("reads 4.8.1 as the newest known version", () => {
    expect(rule.evaluate(hostContext({ dotnet: { release: 533509 } })).message).toContain("4.8.1 or later");
  });
});
