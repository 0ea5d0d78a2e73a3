// Loads Prisma's WebAssembly schema engine (@prisma/schema-engine-wasm) in plain Node 20, with the
// better-sqlite3 driver adapter, for authoring migrations and drift checks without the native binary.
// Three workarounds (see docs/decisions/001-offline-migrations.md):
//  1. Node 20 cannot `import` a .wasm module: instantiate it by hand and hand it to the wasm-bindgen glue.
//  2. The engine sends whole migration scripts through executeRaw on the shadow DB; better-sqlite3's
//     prepare() refuses multi-statement SQL, so such calls are retried through executeScript.
//  3. createMigration needs a shadow DB factory the wasm build is not given: callers use diff() instead.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

const require = createRequire(import.meta.url);

function withMultiStatementRetry(adapter) {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (error) {
      const message = String(error?.message ?? error?.cause?.message ?? "");
      if ((query.args?.length ?? 0) === 0 && /more than one statement/i.test(message)) {
        await adapter.executeScript(query.sql);
        return 0;
      }
      throw error;
    }
  };
  return adapter;
}

/**
 * The engine reads a partial index's predicate with `… AND name = "<index>"`: a double-quoted string literal, which
 * SQLite accepts only when built with DQS on, and better-sqlite3 is built without it ("column not found"). The one
 * query is sent with the name as a parameter instead (decision 029).
 */
const INDEX_SQL_QUERY = /^SELECT sql FROM sqlite_master WHERE type = 'index' AND name = "((?:[^"]|"")*)";?$/;

function withIndexSqlAsParameter(adapter) {
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = async (query) => {
    const match = (query.args?.length ?? 0) === 0 ? INDEX_SQL_QUERY.exec(query.sql.trim()) : null;
    if (!match) return queryRaw(query);
    return queryRaw({ ...query, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", args: [match[1].replaceAll('""', '"')], argTypes: [{ scalarType: "string", arity: "scalar" }] });
  };
  return adapter;
}

function multiStatementFactory(factory) {
  const wrap = (adapter) => withIndexSqlAsParameter(withMultiStatementRetry(adapter));
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => wrap(await factory.connect()),
    connectToShadowDb: async () => wrap(await factory.connectToShadowDb()),
  };
}

let gluePromise;

/** Instantiates the wasm module once per process (the wasm-bindgen glue holds a single instance). */
function loadGlue() {
  gluePromise ??= (async () => {
    const pkgDir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));
    const glue = await import(path.join(pkgDir, "schema_engine_bg.js"));
    const bytes = readFileSync(path.join(pkgDir, "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": glue });
    glue.__wbg_set_wasm(instance.exports);
    instance.exports.__wbindgen_start?.();
    return glue;
  })();
  return gluePromise;
}

export async function loadSchemaEngine({ url, schemaPath, log = () => {} }) {
  const glue = await loadGlue();
  const factory = bindMigrationAwareSqlAdapterFactory(multiStatementFactory(new PrismaBetterSqlite3({ url })));
  const datamodel = readFileSync(schemaPath, "utf8");
  const engine = await glue.SchemaEngine.new({ datamodels: [[schemaPath, datamodel]] }, (line) => log(line), factory);
  return { engine, factory, datamodel };
}

/**
 * The engine's PostgreSQL introspection reads catalog columns of PostgreSQL's internal one-byte `"char"` type
 * (pg_class.relkind, …), which @prisma/adapter-pg 7.10 does not map ("Column type 'char' could not be deserialized
 * from the database"). node-postgres already returns those values as strings, so they are described as text.
 */
function charColumnsAsText(adapter) {
  const performIO = adapter.performIO.bind(adapter);
  adapter.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result.fields) if (field.dataTypeID === 18) field.dataTypeID = 25;
    return result;
  };
  return adapter;
}

/**
 * The engine on PostgreSQL through @prisma/adapter-pg. `shadowUrl` must name an empty database used once (diffs
 * from a migrations folder replay it there); `datamodel` is the PostgreSQL schema's text (postgres-schema.mjs).
 */
export async function loadPostgresSchemaEngine({ url, shadowUrl = null, schemaPath, datamodel, log = () => {} }) {
  const glue = await loadGlue();
  const main = new PrismaPg({ connectionString: url });
  const factory = bindMigrationAwareSqlAdapterFactory({
    provider: main.provider,
    adapterName: main.adapterName,
    connect: async () => charColumnsAsText(await main.connect()),
    connectToShadowDb: async () => {
      if (shadowUrl === null) throw new Error("this PostgreSQL operation needs a shadow database (shadowUrl)");
      return charColumnsAsText(await new PrismaPg({ connectionString: shadowUrl }).connect());
    },
  });
  const engine = await glue.SchemaEngine.new({ datamodels: [[schemaPath, datamodel]] }, (line) => log(line), factory);
  return { engine, factory, datamodel };
}

/** The migrations folder in the shape the engine expects. */
export function migrationsList(migrationsDir, migrations) {
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  let lockContent = null;
  try {
    lockContent = readFileSync(lockPath, "utf8");
  } catch {
    lockContent = null;
  }
  return {
    baseDir: migrationsDir,
    lockfile: { path: "migration_lock.toml", content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories: migrations.map((migration) => ({
      path: migration.name,
      migrationFile: { path: "migration.sql", content: { tag: "ok", value: migration.sql } },
    })),
  };
}

/**
 * SQL that would take a database built from the migrations folder to `datamodel`.
 * Empty (or Prisma's "empty migration" comment) when the folder and the schema agree.
 */
export async function diffFolderToDatamodel({ migrationsDir, migrations, datamodel, schemaPath, scratchUrl, postgres = null }) {
  const { engine } =
    postgres === null
      ? await loadSchemaEngine({ url: scratchUrl, schemaPath })
      : await loadPostgresSchemaEngine({ url: postgres.url, shadowUrl: postgres.shadowUrl, schemaPath, datamodel });
  const result = await engine.diff({
    from: migrations.length === 0 ? { tag: "empty" } : { tag: "migrations", ...migrationsList(migrationsDir, migrations) },
    to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: datamodel }] },
    script: true,
    shadowDatabaseUrl: null,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  const sql = (result.stdout ?? "").trim();
  return /^--\s*This is an empty migration\.?$/i.test(sql) ? "" : sql;
}
