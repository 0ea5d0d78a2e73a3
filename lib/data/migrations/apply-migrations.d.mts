export declare const PRISMA_MIGRATIONS_DDL: string;
export declare const DEFAULT_MIGRATIONS_DIR: string;
export declare function sqlitePathFromUrl(url: string): string;
export declare function listMigrations(migrationsDir?: string): { name: string; sql: string; checksum: string }[];
export declare function applyMigrations(options: { url: string; migrationsDir?: string; log?: (line: string) => void }): string[];
