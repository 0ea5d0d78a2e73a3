export type DatabaseKind = "sqlite" | "postgres";
export const DEFAULT_DATABASE_URL: string;
export function databaseKindOf(url: string | undefined | null): DatabaseKind | null;
export function redactDatabaseUrl(url: string): string;
