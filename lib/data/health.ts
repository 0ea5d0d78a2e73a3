import "server-only";
import { db } from "./db";

/** True when the database answers a trivial query. */
export async function checkDatabase(): Promise<boolean> {
  try {
    await db().$queryRawUnsafe("SELECT 1"); // RAW SQL: portable (SQLite and PostgreSQL)
    return true;
  } catch (error) {
    console.error("[health] database check failed", error);
    return false;
  }
}
