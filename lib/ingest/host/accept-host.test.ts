import { describe, expect, it } from "vitest";
import type { HostFacts } from "@/lib/facts";
import { createIssueSink } from "../issues";
import { acceptHost } from "./accept-host";

const identity = { fqdn: "srv01.corp.contoso.com", netbiosName: "SRV01", domain: "corp.contoso.com" };

describe("acceptHost: a value the facts schema refuses", () => {
  it("outside the identity: dropped with a warning naming row and column, the host kept with that fact unknown", () => {
    const sink = createIssueSink("inv.csv");
    const facts = { identity, memory: { totalPhysicalBytes: -5 }, site: "Paris" } as HostFacts;
    const record = acceptHost(facts, { sink, row: 4, sources: new Map([["memory.totalPhysicalBytes", "RAM (GB)"]]) });
    expect(record).toEqual({ row: 4, facts: { identity, memory: {}, site: "Paris" } });
    expect(sink.list()).toEqual([
      expect.objectContaining({ severity: "warning", row: 4, column: "RAM (GB)", message: expect.stringMatching(/^Invalid value \(memory\.totalPhysicalBytes\): .*unknown for the server; the rest of the row was kept\.$/) }),
    ]);
  });

  it("in the identity: the row is rejected", () => {
    const sink = createIssueSink("inv.csv");
    const facts = { identity: { ...identity, fqdn: 42 }, site: "Paris" } as unknown as HostFacts;
    expect(acceptHost(facts, { sink, row: 5 })).toBeUndefined();
    expect(sink.list()).toEqual([expect.objectContaining({ severity: "error", row: 5, message: expect.stringMatching(/The row was skipped\.$/) })]);
  });
});
