import { crc32, deflateRawSync } from "node:zlib";

/**
 * A minimal ZIP writer for tests: full control over names (NUL bytes, backslashes, "../"), flags, methods and the
 * sizes the headers declare, which real tools never get wrong on purpose. Test-only.
 */
export interface RawZipEntry {
  /** Raw name bytes (or text, written as UTF-8). */
  name: string | Uint8Array;
  data: Uint8Array | string;
  /** 0 = stored, 8 = deflate (default), anything else is written as is (the data stays deflated). */
  method?: number;
  /** General-purpose flags (1 = encrypted). */
  flags?: number;
  /** Uncompressed size written in the headers (default: the real size). */
  declaredSize?: number;
}

function u16(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff];
}
function u32(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
}

export function rawZip(entries: readonly RawZipEntry[]): Uint8Array {
  const local: number[] = [];
  const central: number[] = [];
  for (const entry of entries) {
    const name = typeof entry.name === "string" ? new TextEncoder().encode(entry.name) : entry.name;
    const data = typeof entry.data === "string" ? new TextEncoder().encode(entry.data) : entry.data;
    const method = entry.method ?? 8;
    const body = method === 0 ? data : deflateRawSync(data);
    const crc = crc32(data);
    const size = entry.declaredSize ?? data.length;
    const flags = (entry.flags ?? 0) | 0x800; // UTF-8 names
    const offset = local.length;
    local.push(...u32(0x04034b50), ...u16(20), ...u16(flags), ...u16(method), ...u16(0), ...u16(0x21), ...u32(crc), ...u32(body.length), ...u32(size), ...u16(name.length), ...u16(0), ...name);
    for (const b of body) local.push(b);
    central.push(
      ...u32(0x02014b50), ...u16(20), ...u16(20), ...u16(flags), ...u16(method), ...u16(0), ...u16(0x21), ...u32(crc), ...u32(body.length), ...u32(size),
      ...u16(name.length), ...u16(0), ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(offset), ...name,
    );
  }
  const end = [...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(entries.length), ...u16(entries.length), ...u32(central.length), ...u32(local.length), ...u16(0)];
  return Uint8Array.from([...local, ...central, ...end]);
}
