import type { Feed } from '../model/feed.js';

export interface RequestOptions {
  readonly signal?: AbortSignal;
}

/**
 * Where formacoop's elements read and send data. Elements never call fetch themselves: they get
 * a Backend (or a feed URL, which is the simplest backend) and go through it.
 */
export interface Backend {
  /** The feed: one cycle or a catalogue, already validated. */
  loadFeed(options?: RequestOptions): Promise<Feed>;
}
