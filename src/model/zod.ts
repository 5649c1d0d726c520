/**
 * The one place formacoop imports zod from.
 *
 * zod/mini rather than the full build: same validation, about 18 KB gzip less in the embed bundle
 * (see docs/benchmarks.md). jitless is set before any schema is built so that no parser is ever
 * compiled with `new Function` — pages served with `script-src 'self'` forbid it, and zod's own
 * probe for eval support would be reported as a CSP violation.
 */
import * as z from 'zod/mini';

z.config({ jitless: true });

export { z };
