import { describe, expect, it } from "vitest";
import { parseDomainRole, parseExecutionPolicy, parseInstallationType, parseProductType, parseServerLevel, parseStartMode } from "./enums";
import { parseBoolean } from "../values/booleans";

// Enum-like cells come from hand-edited spreadsheets: surrounding spaces (plain or no-break), any case and
// the spaced spelling of a PowerShell enum name are the same value. PowerShell itself compares enum names
// case-insensitively ([Microsoft.PowerShell.ExecutionPolicy]'remotesigned' works), so nothing is lost.
describe("enum-like cells are trimmed and read case-insensitively", () => {
  it.each(["RemoteSigned ", " RemoteSigned", "remotesigned", "REMOTESIGNED", "Remote Signed", "\u00a0RemoteSigned\u00a0", "\tRemoteSigned"])(
    "execution policy %j is RemoteSigned",
    (value) => expect(parseExecutionPolicy(value)).toBe("RemoteSigned"),
  );

  it("still refuses what is not an execution policy", () => {
    expect(parseExecutionPolicy("Remote")).toBeUndefined();
    expect(parseExecutionPolicy("RemoteSignedX")).toBeUndefined();
    expect(parseExecutionPolicy(9)).toBeUndefined();
  });

  it("reads the other enums the same way", () => {
    expect(parseInstallationType(" server core ")).toBe("Server Core");
    expect(parseServerLevel("FULLSERVER ")).toBe("FullServer");
    expect(parseProductType(" Server")).toBe("server");
    expect(parseDomainRole(" memberserver ")).toBe("MemberServer");
    expect(parseStartMode(" automatic (delayed start) ")).toBe("Auto");
    expect(parseStartMode("MANUAL")).toBe("Manual");
    expect(parseBoolean(" Yes ")).toBe(true);
    expect(parseBoolean("\u00a0FALSE\u00a0")).toBe(false);
  });
});
