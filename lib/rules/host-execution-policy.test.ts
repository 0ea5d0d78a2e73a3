import { describe, expect, it } from "vitest";
import type { ExecutionPolicy } from "@/lib/facts";
import rule from "./host-execution-policy";
import { hostContext } from "./host/examples";
import { expectFail, expectUnknown, itRunsExamples, itSurvivesMalformedFacts } from "./testing/host-kit";

type Scopes = { MachinePolicy?: ExecutionPolicy; UserPolicy?: ExecutionPolicy; Process?: ExecutionPolicy; CurrentUser?: ExecutionPolicy; LocalMachine?: ExecutionPolicy };
const allUndefined: Required<Scopes> = {
  MachinePolicy: "Undefined",
  UserPolicy: "Undefined",
  Process: "Undefined",
  CurrentUser: "Undefined",
  LocalMachine: "Undefined",
};
const withScopes = (scopes: Scopes, effective?: ExecutionPolicy) =>
  hostContext({ executionPolicy: effective ? { effective, scopes: { ...allUndefined, ...scopes } } : { scopes: { ...allUndefined, ...scopes } } });

describe("host-execution-policy", () => {
  itRunsExamples(rule);
  itSurvivesMalformedFacts(rule);

  it("passes when every scope is Undefined (Windows Server default RemoteSigned) and says so", () => {
    const outcome = rule.evaluate(withScopes({}));
    expect(outcome.status).toBe("pass");
    expect(outcome.message).toMatch(/default, RemoteSigned/);
  });

  it("lets Group Policy scopes win over LocalMachine", () => {
    const outcome = expectFail(rule.evaluate(withScopes({ MachinePolicy: "Restricted", LocalMachine: "RemoteSigned" })));
    expect(outcome.severity).toBeUndefined();
    expect(outcome.message).toMatch(/GPO/);
    expect(rule.evaluate(withScopes({ UserPolicy: "RemoteSigned", LocalMachine: "Restricted" })).status).toBe("pass");
  });

  it("fails Restricted and AllSigned as blockers, Unrestricted and Bypass as warnings", () => {
    expect(expectFail(rule.evaluate(withScopes({ LocalMachine: "Restricted" }))).severity).toBeUndefined();
    expect(expectFail(rule.evaluate(withScopes({ LocalMachine: "AllSigned" }))).severity).toBeUndefined();
    expect(expectFail(rule.evaluate(withScopes({ LocalMachine: "Unrestricted" }))).severity).toBe("warning");
    expect(expectFail(rule.evaluate(withScopes({ CurrentUser: "Bypass" }))).severity).toBe("warning");
  });

  it("sets aside the collecting session's Process scope", () => {
    const outcome = rule.evaluate(withScopes({ Process: "Bypass", LocalMachine: "Restricted" }, "Bypass"));
    expect(outcome.status).toBe("fail");
    expect(outcome.message).toMatch(/Process scope \(Bypass\) was set aside/);
  });

  it("uses Get-ExecutionPolicy when scopes were not collected", () => {
    expect(rule.evaluate(hostContext({ executionPolicy: { effective: "RemoteSigned" } })).status).toBe("pass");
    expect(rule.evaluate(hostContext({ executionPolicy: { effective: "Restricted" } })).status).toBe("fail");
  });

  it("falls back to the effective policy when a deciding scope is missing, else unknown", () => {
    const partial = hostContext({ executionPolicy: { effective: "RemoteSigned", scopes: { LocalMachine: "RemoteSigned" } } });
    expect(rule.evaluate(partial).status).toBe("pass");
    const outcome = expectUnknown(rule.evaluate(hostContext({ executionPolicy: { scopes: { LocalMachine: "RemoteSigned" } } })));
    expect(outcome.reason.missingFact).toBe("host.executionPolicy.scopes");
    expect(outcome.reason.collect).toContain("Get-ExecutionPolicy -List");
  });

  it("lists the scopes in evidence", () => {
    const outcome = rule.evaluate(withScopes({ LocalMachine: "RemoteSigned" }));
    expect(outcome.evidence.find((item) => item.fact === "host.executionPolicy.scopes")?.actual).toMatchObject({ LocalMachine: "RemoteSigned" });
  });

  it("scripts only the wrong local scopes, with a GPO guard, and nothing for GPO-set or passing policies", () => {
    const script = rule.remediationScript?.(withScopes({ LocalMachine: "Restricted" })) ?? "";
    expect(script).toContain("Set-ExecutionPolicy -ExecutionPolicy RemoteSigned -Scope LocalMachine -Force");
    expect(script).not.toContain("-Scope CurrentUser -Force");
    expect(script).toContain("$current -notin");
    expect(script).toContain("MachinePolicy', 'UserPolicy'");
    expect(script).toContain("$PSCmdlet.ShouldProcess");
    const both = rule.remediationScript?.(withScopes({ CurrentUser: "AllSigned", LocalMachine: "Restricted" })) ?? "";
    expect(both).toContain("Set-ExecutionPolicy -ExecutionPolicy Undefined -Scope CurrentUser -Force");
    expect(rule.remediationScript?.(withScopes({ MachinePolicy: "AllSigned" }))).toBeNull();
    expect(rule.remediationScript?.(withScopes({ LocalMachine: "RemoteSigned" }))).toBeNull();
    expect(rule.remediationScript?.(hostContext({}))).toBeNull();
  });
});
