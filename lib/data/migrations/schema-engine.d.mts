export interface SchemaEngineHandle {
  engine: {
    applyMigrations(input: unknown): Promise<{ appliedMigrationNames: string[] }>;
    diagnoseMigrationHistory(input: unknown): Promise<{
      history: unknown;
      failedMigrationNames: string[];
      editedMigrationNames: string[];
      hasMigrationsTable: boolean;
    }>;
  };
  datamodel: string;
}
export declare function loadSchemaEngine(options: { url: string; schemaPath: string; log?: (line: string) => void }): Promise<SchemaEngineHandle>;
export declare function loadPostgresSchemaEngine(options: {
  url: string;
  shadowUrl?: string | null;
  schemaPath: string;
  datamodel: string;
  log?: (line: string) => void;
}): Promise<SchemaEngineHandle>;
export declare function migrationsList(migrationsDir: string, migrations: { name: string; sql: string }[]): unknown;
export declare function diffFolderToDatamodel(options: {
  migrationsDir: string;
  migrations: { name: string; sql: string }[];
  datamodel: string;
  schemaPath: string;
  scratchUrl?: string;
  postgres?: { url: string; shadowUrl: string } | null;
}): Promise<string>;
