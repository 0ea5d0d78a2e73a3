import { describe, expect, it } from "vitest";
import { formatCount, noun, plural } from "./plural";

describe("plural", () => {
  it("uses the singular for exactly one and the plural otherwise", () => {
    expect(plural(1, "server")).toBe("1 server");
    expect(plural(0, "server")).toBe("0 servers");
    expect(plural(2, "server")).toBe("2 servers");
    expect(plural(-1, "day")).toBe("-1 days");
  });

  it("groups thousands and takes irregular plurals", () => {
    expect(plural(1_200, "server")).toBe("1,200 servers");
    expect(plural(1, "entry", "entries")).toBe("1 entry");
    expect(plural(3, "entry", "entries")).toBe("3 entries");
    expect(formatCount(50_000)).toBe("50,000");
  });

  it("gives the noun alone", () => {
    expect(noun(1, "server")).toBe("server");
    expect(noun(7, "server")).toBe("servers");
    expect(noun(2, "was", "were")).toBe("were");
  });
});
