export interface ThrowawayPostgres {
  port: number;
  url(database: string): string;
  createDatabase(prefix?: string): Promise<string>;
  pause(): void;
  resume(): void;
  stop(): void;
}
export declare function postgresBinDir(): string | null;
export declare function startThrowawayPostgres(): Promise<ThrowawayPostgres>;
