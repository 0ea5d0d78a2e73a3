export declare const WORKER_OUTFILE: string;
export declare const PARSE_THREAD_OUTFILE: string;
export declare function buildIngestWorker(options?: { quiet?: boolean; outfile?: string }): Promise<unknown>;
