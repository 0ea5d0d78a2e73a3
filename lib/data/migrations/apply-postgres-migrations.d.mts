export declare const DEFAULT_POSTGRES_MIGRATIONS_DIR: string;
export declare const PRISMA_ADVISORY_LOCK_KEY: number;
export declare const PRISMA_MIGRATIONS_DDL_POSTGRES: string;
export type MigrationState = { applied: string[]; pending: string[]; failed: string[] };
export declare function postgresMigrationState(options: { url: string; migrationsDir?: string }): Promise<MigrationState>;
export declare function applyPostgresMigrations(options: { url: string; migrationsDir?: string; log?: (line: string) => void }): Promise<string[]>;
