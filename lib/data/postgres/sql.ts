/** `?` placeholders (the portable SQL shared with SQLite) as PostgreSQL's `$1, $2, …`. The SQL must hold no literal `?`. */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
