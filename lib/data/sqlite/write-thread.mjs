// The upload worker's SQLite write thread (decision 027): its own connection runs the evaluation write transaction
// while the worker's main thread goes on parsing and evaluating, so an upload's INSERTs no longer wait for the
// evaluation, nor the evaluation for them. It answers each request of write-thread-tx.ts in the order they came:
// { id, op, ... } -> { id, value } or { id, error }. Plain ESM so it runs as it is, without the app's bundler.
import { parentPort, workerData } from "node:worker_threads";
import { openConnection } from "./open-connection.mjs";
import { TxStatements } from "./tx-statements.mjs";

const db = openConnection(workerData.file);
for (const pragma of workerData.pragmas ?? []) db.pragma(pragma);
/** Prepared per transaction (at BEGIN), as on the process's connection: IN lists of every length would otherwise pile up. */
let statements;

function perform(request) {
  switch (request.op) {
    case "begin":
      // A second transaction on the connection would join the first (and COMMIT it half-done): never allowed.
      if (db.inTransaction) throw new Error("a write transaction is already open on the write thread");
      db.exec("BEGIN IMMEDIATE");
      statements = new TxStatements(db);
      return undefined;
    case "commit":
      db.exec("COMMIT");
      return undefined;
    case "rollback":
      if (db.inTransaction) db.exec("ROLLBACK");
      return undefined;
    case "all":
      return statements.all(request.sql, request.params);
    case "get":
      return statements.get(request.sql, request.params);
    case "run":
      return statements.run(request.sql, request.params);
    case "insertRows":
      statements.insertRows(request.table, request.columns, request.rows);
      return undefined;
    case "updateRows":
      statements.updateRows(request.table, request.columns, request.key, request.rows);
      return undefined;
    default:
      throw new Error(`unknown write-thread operation ${String(request.op)}`);
  }
}

parentPort.on("message", (request) => {
  let reply;
  try {
    reply = { id: request.id, value: perform(request) };
  } catch (error) {
    reply = { id: request.id, error: { message: error instanceof Error ? error.message : String(error), name: error?.name, code: error?.code } };
  }
  parentPort.postMessage(reply);
});
