import { randomFillSync } from "node:crypto";
import { v7 } from "uuid";

/**
 * Ids of rows written in bulk (servers, host snapshots, evaluations, uploads): UUIDv7, whose first 48 bits are the
 * time, so rows written together get ascending ids. Every index that ends in an id (primary keys, (verdict, id),
 * (serverId, …) of snapshots and evaluations) then grows at its end instead of at random places: measured on the
 * 50,000-server upload, about 0.7 s less (docs/performance.md, Ingest). Still unique and unguessable enough for ids
 * that are never secrets.
 *
 * The random bits come from a pool filled 4 KiB at a time (`randomFillSync`, the same CSPRNG): `uuid`'s own v7 asks
 * Web Crypto for 16 bytes per id, which cost the 50,000-server upload ~0.9 s for its ~200,000 ids. The pool's bytes
 * are used once each. The millisecond and the 32-bit sequence follow `uuid`'s own v7 state machine (its
 * `updateV7State`): a new millisecond starts a random sequence, ids within the same millisecond increment it (and
 * borrow the next millisecond when it wraps), so ids made one after the other still sort in the order made.
 */
const POOL_BYTES = 4096;
const pool = new Uint8Array(POOL_BYTES);
let poolOffset = POOL_BYTES;
let lastMsecs = -Infinity;
let seq = 0;

function randomBytes16(): Uint8Array {
  if (poolOffset + 16 > POOL_BYTES) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, poolOffset + 16);
  poolOffset += 16;
  return bytes;
}

export function newRowId(): string {
  const random = randomBytes16();
  const now = Date.now();
  if (now > lastMsecs) {
    seq = ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]!;
    lastMsecs = now;
  } else {
    seq = (seq + 1) | 0;
    if (seq === 0) lastMsecs++;
  }
  return v7({ random, msecs: lastMsecs, seq });
}
