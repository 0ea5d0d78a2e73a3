// The "n / N" footer text. One shared function so the worker renderer can recognise it and re-create it
// on its side (functions cannot cross a thread boundary).

export function pageNumbers({ pageNumber, totalPages }: { pageNumber: number; totalPages: number }): string {
  return `${pageNumber} / ${totalPages}`;
}
