/**
 * Deterministic synthetic fleet facts for demos, benchmarks and `npm run gen:fleet`.
 *
 *   const fleet = generateFleet({ servers: 500, seed: 42 });
 *   const evaluation = evaluateFleet(fleet); // lib/readiness/engine
 *
 * Pure: no clock (timestamps derive from `asOf`), no Math.random (a seeded mulberry32), no I/O.
 * The same options always produce the same facts, so demo screenshots and benchmark figures are stable.
 * Every fact validates against the lib/facts zod schemas (tested in fleet.test.ts).
 */
export { generateFleet, DEFAULT_AS_OF, type DemoFleet, type FleetOptions } from "./fleet";
export { createRandom, mulberry32, seedFrom, type Random } from "./prng";
export { DEFAULT_DOMAINS, DOMAIN_PROFILES, type DomainProfile } from "./profiles";
