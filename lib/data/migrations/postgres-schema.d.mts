export declare const SQLITE_SCHEMA_PATH: string;
export declare const POSTGRES_SCHEMA_PATH: string;
export declare const POSTGRES_MIGRATIONS_DIR: string;
export declare const POSTGRES_ONLY: { models: Record<string, string[]> };
export declare const POSTGRES_ONLY_BEGIN: string;
export declare const POSTGRES_ONLY_END: string;
export declare function postgresDatamodel(sqliteDatamodel: string): string;
