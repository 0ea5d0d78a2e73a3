import { z } from "zod";

// Runs in the browser before the app's own modules (Next.js instrumentation-client). The page CSP allows no eval
// (lib/security/csp.ts): zod would otherwise probe `new Function("")` when a client module builds an object schema
// (to compile a faster parser), which the browser blocks and reports as a CSP violation. Parsing stays the same;
// only zod's compiled fast path is off, in the browser (the server keeps it: this file never runs there).
z.config({ jitless: true });
