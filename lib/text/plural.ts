// Counted nouns for every sentence the app writes ("1 server", "2 servers", "1,200 servers"): one helper instead of
// templates that say "1 servers".

/** "1,234" (en-US grouping, as every count in the UI, the API messages and the PDFs). */
export const formatCount = (n: number): string => n.toLocaleString("en-US");

/** "1 server", "0 servers", "1,200 servers"; `many` for irregular plurals ("1 entry", "2 entries"). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** The noun alone, for sentences where the count is written elsewhere ("of 3 servers" -> "server" / "servers"). */
export function noun(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}
