import { describe, expect, it } from "vitest";
import { databaseKindOf, redactDatabaseUrl } from "./database-url.mjs";

describe("databaseKindOf", () => {
  it("keeps SQLite for file: URLs and no URL, selects PostgreSQL for postgresql:// and postgres://", () => {
    expect(databaseKindOf(undefined)).toBe("sqlite");
    expect(databaseKindOf("")).toBe("sqlite");
    expect(databaseKindOf("file:./data/app.db")).toBe("sqlite");
    expect(databaseKindOf("postgresql://app:secret@db:5432/csr")).toBe("postgres");
    expect(databaseKindOf("postgres://db/csr?sslmode=require")).toBe("postgres");
    expect(databaseKindOf("mysql://db/csr")).toBeNull();
    expect(databaseKindOf("./data/app.db")).toBeNull();
  });

  it("redacts the password for logs", () => {
    expect(redactDatabaseUrl("postgresql://app:secret@db:5432/csr")).toBe("postgresql://app:***@db:5432/csr");
    expect(redactDatabaseUrl("file:./data/app.db")).toBe("file:./data/app.db");
  });
});
