import type { CatalogueFeedInput } from '../src/index.js';

export interface GenerateCatalogueOptions {
  /** Exactly this many sessions in all, split evenly across the cycles. */
  readonly sessions: number;
  /** Number of cycles; about one per six sessions when absent. */
  readonly cycles?: number;
  /** Seed of the pseudo-random generator: the same seed gives the same feed. Default 1. */
  readonly seed?: number;
  /** The earliest day a cycle may start, `YYYY-MM-DD`. Default `2026-01-05`. */
  readonly startDate?: string;
}

/** A catalogue feed as written (before defaults are applied): pass it to `parseCatalogue`. */
export type GeneratedCatalogue = CatalogueFeedInput & { readonly type: 'catalogue'; readonly formatVersion: 1 };

/** A synthetic, deterministic catalogue feed; every cycle carries `provenance.status: 'example'`. */
export function generateCatalogue(options: GenerateCatalogueOptions): GeneratedCatalogue;
