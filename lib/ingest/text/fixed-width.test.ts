import { describe, expect, it } from "vitest";
import { columnsFromDashes, splitFixedWidth, tableSeparators } from "./fixed-width";

describe("fixed-width tables", () => {
  const header = "ObjectFlags AccessControlType IdentityReference   IsInherited";
  const dashes = "----------- ----------------- -----------------   -----------";

  it("finds the columns from the dashes line", () => {
    expect(columnsFromDashes(header, dashes)?.map((c) => c.label)).toEqual(["ObjectFlags", "AccessControlType", "IdentityReference", "IsInherited"]);
    expect(columnsFromDashes(header, "not dashes")).toBeUndefined();
  });

  it("splits right-aligned values wider than their label and strings with spaces", () => {
    // ObjectFlags (right-aligned) is wider than its label and grows left; IdentityReference (left-aligned) has a space.
    const spans = columnsFromDashes(
      "                                        ObjectFlags AccessControlType IdentityReference   IsInherited",
      "                                        ----------- ----------------- -----------------   -----------",
    );
    expect(spans).toBeDefined();
    if (spans === undefined) return;
    const lines = [
      "ObjectAceTypePresent, InheritedObjectAceTypePresent             Allow CORP\\Domain Admins         False",
      "                               ObjectAceTypePresent              Deny S-1-5-32-548               True",
    ];
    const separators = tableSeparators(spans, lines);
    expect(lines.map((line) => splitFixedWidth(line, spans, separators))).toEqual([
      ["ObjectAceTypePresent, InheritedObjectAceTypePresent", "Allow", "CORP\\Domain Admins", "False"],
      ["ObjectAceTypePresent", "Deny", "S-1-5-32-548", "True"],
    ]);
  });
});
