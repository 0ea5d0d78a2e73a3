import type { HostRowReaderFactory } from "../csv/host-csv";
import { inventoryRows } from "./inventory-csv";

/**
 * The host CSV formats whose records are read one by one from a header (csv/host-csv.ts), by format id: a large file of
 * one of these can be read in two parts on two threads (csv/host-csv-split.ts). systeminfo's CSV is not one: a header
 * line repeated mid-file may re-map its columns, so a record depends on the lines before it.
 */
export const HOST_CSV_READERS: ReadonlyMap<string, HostRowReaderFactory> = new Map([["inventory-csv", inventoryRows]]);
