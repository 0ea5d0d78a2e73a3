/**
 * The worker's heap. Young generation: semi-spaces of 16 MB (a young generation of 48 MB). A ZIP of 50,000 collector
 * reports peaked at 1,259 MB with it (budget 1.5 GB) and at 1,579 MB with 192 MB, which was 12 % faster (19.5 s
 * against 17.2 s; docs/performance.md). Old generation: after each full collection V8 lets it grow to up to ≈ 4 times
 * what survived before the next one; while an upload's records accumulate, that headroom is mostly the parse's dead
 * objects. A factor of 2 (`--heap-growing-percent=100`) bounds it: the parse of 50,000 collector reports peaked at
 * 954 MB instead of 1,129 MB, in the same time, and the whole upload of them at 1,401 MB instead of 1,488 MB
 * (decision 028; docs/performance.md, 2026-12-07 afternoon).
 */
export const WORKER_HEAP_FLAGS: readonly string[] = ["--max-semi-space-size=16", "--heap-growing-percent=100"];
