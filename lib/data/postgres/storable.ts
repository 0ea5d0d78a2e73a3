import type { SqlValue } from "../write-tx";

/** PostgreSQL refuses U+0000 in text; SQLite stores it. Uploaded text is kept otherwise as is (shown escaped). */
export function storable(value: SqlValue): SqlValue {
  return typeof value === "string" && value.includes("\u0000") ? value.replaceAll("\u0000", "\uFFFD") : value;
}
