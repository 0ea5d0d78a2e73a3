import { CSV_BOM, csvRow } from "./csv";
import { type ExportColumn, headers, values } from "./tables";

/**
 * A CSV file as a byte stream: the BOM and header, then each batch of rows as it arrives (pull-based, so a
 * slow client slows the database reads instead of filling memory). `onDone` gets the row and byte counts.
 */
export function csvStream<T>(columns: readonly ExportColumn<T>[], batches: AsyncIterable<T[]>, onDone?: (size: { rows: number; bytes: number }) => void | Promise<void>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
  let rows = 0;
  let bytes = 0;
  const emit = (controller: ReadableStreamDefaultController<Uint8Array>, text: string) => {
    const chunk = encoder.encode(text);
    bytes += chunk.byteLength;
    controller.enqueue(chunk);
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      emit(controller, CSV_BOM + csvRow(headers(columns)));
    },
    async pull(controller) {
      // Database reads resolve without touching the event loop: yield once per batch so other requests run.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const next = await iterator.next();
      if (next.done) {
        await onDone?.({ rows, bytes });
        controller.close();
        return;
      }
      let text = "";
      for (const row of next.value) text += csvRow(values(columns, row));
      rows += next.value.length;
      emit(controller, text);
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
