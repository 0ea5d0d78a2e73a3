/**
 * Child process of sigkill-commit.test.ts (run with `tsx --conditions=react-server`, DATABASE_URL set to a throwaway
 * database). Modes:
 *   seed-and-commit <seed.csv> <big.csv>  migrate, commit the seed file, then commit the big file; when the big file's
 *                                         Upload row is inserted (inside its write transaction) print
 *                                         "COMMIT-STARTED <uploadId>" so the parent can SIGKILL it mid-commit
 *   commit <file.csv>                     commit one file and print "COMMITTED <json>"
 * Lines go out with writeSync: the transaction blocks the event loop, so nothing may wait for it.
 */
import { readFileSync, writeSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";
import { applyMigrations } from "../migrations/apply-migrations.mjs";
import { sqlite } from "../sqlite/connection";
import { ingestFile } from "./ingest-file";

function say(line: string) {
  writeSync(1, `${line}\n`);
}

async function commit(file: string) {
  const result = await ingestFile({ bytes: new Uint8Array(readFileSync(file)), fileName: path.basename(file), options: {}, uploadedBy: { name: "fault-test" } });
  if (!result.ok) throw new Error(`${path.basename(file)} was refused: ${result.message}`);
  say(`COMMITTED ${JSON.stringify({ id: result.id, status: result.status, counts: result.counts })}`);
}

const [mode, ...files] = process.argv.slice(2);
applyMigrations({ url: env().DATABASE_URL });

if (mode === "seed-and-commit") {
  await commit(files[0]);
  // A temporary trigger on this connection only: it reports the big upload's row from inside the transaction.
  const db = sqlite();
  db.function("fault_commit_started", (id: unknown) => {
    say(`COMMIT-STARTED ${String(id)}`);
    return null;
  });
  db.exec("CREATE TEMP TRIGGER fault_commit_started AFTER INSERT ON main.Upload BEGIN SELECT fault_commit_started(NEW.id); END;");
  say("SEEDED");
  await commit(files[1]);
} else if (mode === "commit") {
  await commit(files[0]);
} else {
  say(`unknown mode ${mode}`);
  process.exit(2);
}
