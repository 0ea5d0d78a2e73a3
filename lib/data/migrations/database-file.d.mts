export declare const DATABASE_FILE_MODE: number;
export declare function createDatabaseFile(file: string): boolean;
