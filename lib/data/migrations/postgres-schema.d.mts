export declare const SQLITE_SCHEMA_PATH: string;
export declare const POSTGRES_SCHEMA_PATH: string;
export declare const POSTGRES_MIGRATIONS_DIR: string;
export declare function postgresDatamodel(sqliteDatamodel: string): string;
