import { describe, expect, it } from "vitest";
import { applySavedMapping, changesPreview, DEFAULT_UPLOAD_OPTIONS, uploadFields } from "./upload-fields";

describe("uploadFields", () => {
  it("sends only dryRun for a default dry run", () => {
    expect(uploadFields(DEFAULT_UPLOAD_OPTIONS, "dry-run")).toEqual([["dryRun", "true"]]);
    expect(uploadFields(DEFAULT_UPLOAD_OPTIONS, "commit")).toEqual([]);
  });

  it("sends trimmed overrides, the mapping as JSON, and partial/save flags only when committing", () => {
    const options = {
      ...DEFAULT_UPLOAD_OPTIONS,
      format: "getacl-csv",
      account: "  CORP\\provAgentgMSA$ ",
      target: "DC=corp,DC=contoso,DC=com",
      mapping: { Asset: "hostName", Role: "ignore", Other: "" },
      mappingName: "CMDB",
      saveMapping: true,
      allowPartial: true,
    };
    const mapping = JSON.stringify({ Asset: "hostName", Role: "ignore" });
    expect(uploadFields(options, "dry-run")).toEqual([
      ["dryRun", "true"],
      ["format", "getacl-csv"],
      ["account", "CORP\\provAgentgMSA$"],
      ["target", "DC=corp,DC=contoso,DC=com"],
      ["columnMapping", mapping],
    ]);
    expect(uploadFields(options, "commit")).toEqual([
      ["format", "getacl-csv"],
      ["account", "CORP\\provAgentgMSA$"],
      ["target", "DC=corp,DC=contoso,DC=com"],
      ["columnMapping", mapping],
      ["allowPartial", "true"],
      ["mappingName", "CMDB"],
      ["saveMapping", "true"],
    ]);
  });

  it("does not ask to save a mapping without a name or without entries", () => {
    const unnamed = { ...DEFAULT_UPLOAD_OPTIONS, mapping: { Asset: "hostName" }, saveMapping: true, mappingName: " " };
    expect(uploadFields(unnamed, "commit").map(([key]) => key)).toEqual(["columnMapping"]);
    const empty = { ...DEFAULT_UPLOAD_OPTIONS, saveMapping: true, mappingName: "CMDB" };
    expect(uploadFields(empty, "commit")).toEqual([]);
  });
});

describe("applySavedMapping", () => {
  it("matches headers exactly, then ignoring case and punctuation, and drops headers the file lacks", () => {
    expect(applySavedMapping(["asset", "Box RAM (MB)", "Role"], { Asset: "hostName", "Box RAM MB": "memory", Gone: "site" })).toEqual({
      asset: "hostName",
      "Box RAM (MB)": "memory",
    });
  });
});

describe("changesPreview", () => {
  it("treats commit-only options as not changing the preview", () => {
    expect(changesPreview({ allowPartial: true })).toBe(false);
    expect(changesPreview({ mappingName: "x", saveMapping: true })).toBe(false);
    expect(changesPreview({ account: "x" })).toBe(true);
  });
});
