import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { binaryGuid, OUTPUT_PATH, parseLdif, readSchema, renderSchema, WINDOWS_DISPLAY_NAMES } from "./generate-ad-schema";

describe("generate-ad-schema", () => {
  it("decodes Windows binary GUIDs (first three fields little-endian)", () => {
    expect(binaryGuid("FXmWv+YN0BGihQCqADBJ4g==")).toBe("bf967915-0de6-11d0-a285-00aa003049e2");
    expect(() => binaryGuid("AAAA")).toThrow(/16 bytes/);
  });

  it("reads LDIF: continuations, case-insensitive names, base64 values, a stripped prefix", () => {
    const text = "# comment\r\ndn: CN=A,DC=X\r\nobjectClass: top\r\nobjectClass: controlAccessRight\r\ndisplayname: Long\r\n  Name\r\nschemaIDGUID:: FXmWv+YN0BGihQCqADBJ4g==\r\n\r\n${INC2012}dn: CN=B,DC=X\r\n";
    const records = parseLdif(text, { stripPrefix: /^\$\{INC2012\}/ });
    expect(records).toHaveLength(2);
    expect(records[0].get("objectclass")).toEqual(["top", "controlAccessRight"]);
    expect(records[0].get("displayname")).toEqual(["Long Name"]);
    expect(records[0].get("schemaidguid::")).toEqual(["FXmWv+YN0BGihQCqADBJ4g=="]);
    expect(records[1].get("dn")).toEqual(["CN=B,DC=X"]);
    expect(() => parseLdif(" orphan continuation")).toThrow(/continuation/);
  });

  it("corrects rights to the names Windows prints", () => {
    expect(WINDOWS_DISPLAY_NAMES["DS-Replication-Get-Changes"]).toBe("Replicating Directory Changes");
    expect(WINDOWS_DISPLAY_NAMES["Validated-DNS-Host-Name"]).toBe("Validated write to DNS host name");
  });

  // The Samba package is not in the repository (decision 012); when it is unpacked here, the committed file must
  // be exactly what the generator writes from it.
  const source = "/tmp/samba/x";
  it.skipIf(!existsSync(path.join(source, "usr/share/samba/setup/extended-rights.ldif")))("the committed data is what the generator writes", () => {
    const committed = readFileSync(path.resolve(import.meta.dirname, "..", OUTPUT_PATH), "utf8");
    expect(renderSchema(readSchema(source))).toBe(committed);
  });
});
