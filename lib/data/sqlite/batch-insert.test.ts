import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { BatchInsert } from "./batch-insert";

function memoryDb() {
  const db = new Database(":memory:");
  db.pragma("foreign_keys = ON");
  db.exec("CREATE TABLE Parent (id TEXT PRIMARY KEY, n INTEGER); CREATE TABLE Child (id TEXT PRIMARY KEY, parentId TEXT NOT NULL REFERENCES Parent(id), note TEXT)");
  return db;
}

describe("BatchInsert", () => {
  it("inserts every row exactly once, in order, across full and partial batches", () => {
    const db = memoryDb();
    const batch = new BatchInsert(db, "Parent", ["id", "n"], { rowsPerStatement: 4 });
    for (let i = 0; i < 10; i++) batch.add(`p${i}`, i);
    expect(batch.pending).toBe(2); // two full batches of 4 written on add
    batch.flush();
    expect(batch.pending).toBe(0);
    expect(db.prepare("SELECT id, n FROM Parent ORDER BY rowid").all()).toEqual(Array.from({ length: 10 }, (_, i) => ({ id: `p${i}`, n: i })));
  });

  it("writes the rows a child references first (foreign keys stay satisfied)", () => {
    const db = memoryDb();
    const parents = new BatchInsert(db, "Parent", ["id", "n"], { rowsPerStatement: 100 });
    const children = new BatchInsert(db, "Child", ["id", "parentId", "note"], { rowsPerStatement: 2, after: [parents] });
    parents.add("a", 1);
    children.add("c1", "a", null);
    parents.add("b", 2);
    children.add("c2", "b", "x"); // full: flushes parents first
    children.flush();
    expect(db.prepare("SELECT COUNT(*) AS n FROM Child").get()).toEqual({ n: 2 });
  });

  it("refuses a row with the wrong number of values", () => {
    const batch = new BatchInsert(memoryDb(), "Parent", ["id", "n"]);
    expect(() => batch.add("only-one")).toThrow(/1 values for 2 columns/);
  });

  it("stays under SQLite's parameter limit for wide rows", () => {
    const db = new Database(":memory:");
    const columns = Array.from({ length: 600 }, (_, i) => `c${i}`);
    db.exec(`CREATE TABLE Wide (${columns.join(", ")})`);
    const batch = new BatchInsert(db, "Wide", columns, { rowsPerStatement: 1000 });
    for (let r = 0; r < 120; r++) batch.add(...columns.map((_, i) => r * 1000 + i));
    batch.flush();
    expect(db.prepare("SELECT COUNT(*) AS n FROM Wide").get()).toEqual({ n: 120 });
  });
});
