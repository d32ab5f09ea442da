/**
 * The in-memory store of context codes that payers shared, with a time to live and a hard cap.
 *
 * Memory stays bounded under any flood: entries live in one `Map`, whose iteration order is
 * insertion order, so the oldest entries sit at the front. Each insert first drops expired entries
 * from the front and then, while the store is at its cap, evicts the oldest entry (which a flood
 * makes an unusable code sooner than its TTL would).
 */
import { CODE_ALPHABET, CODE_LENGTH } from "../rules/index.js";
import type { RandomSource } from "./random-source.js";

/** Options of {@link CodeStore}. */
export interface CodeStoreOptions {
  /** How long a shared code stays valid, in milliseconds. */
  ttlMs: number;
  /** Most codes kept at once; the oldest are evicted past it. */
  maxCodes: number;
  /** Clock in milliseconds (tests pass a fake one). */
  now?: () => number;
}

/** Shared context codes and when each expires. */
export class CodeStore {
  readonly #expiry = new Map<string, number>();
  /** Codes in insertion order (the Map's order); `#head` is the oldest still held. */
  #order: string[] = [];
  #head = 0;
  readonly #ttlMs: number;
  readonly #maxCodes: number;
  readonly #now: () => number;
  readonly #random: RandomSource;

  constructor(options: CodeStoreOptions, random: RandomSource) {
    this.#ttlMs = options.ttlMs;
    this.#maxCodes = options.maxCodes;
    this.#now = options.now ?? Date.now;
    this.#random = random;
  }

  /** Number of codes held (expired ones not yet swept included). */
  get size(): number {
    return this.#expiry.size;
  }

  /** Whether `code` was shared and has not expired. */
  isUsable(code: string): boolean {
    const expiresAt = this.#expiry.get(code);
    return expiresAt !== undefined && expiresAt > this.#now();
  }

  /** Mints a fresh well-formed code no one holds, stores it and returns it. */
  share(): string {
    return this.#insert(this.#now() + this.#ttlMs);
  }

  /** Mints a code that was shared but has already expired. */
  shareExpired(): string {
    return this.#insert(this.#now() - 1);
  }

  #insert(expiresAt: number): string {
    this.#sweep();
    let code: string;
    do code = this.#random.string(CODE_ALPHABET, CODE_LENGTH);
    while (this.#expiry.has(code));
    this.#expiry.set(code, expiresAt);
    this.#order.push(code);
    return code;
  }

  /**
   * Drops codes from the oldest end while they are expired or the store is full. It walks its own
   * insertion-order queue, not the Map: iterating a Map from its start skips every deleted entry
   * not yet compacted away, which made each insert O(n) at the cap (found by bench/soak.ts).
   */
  #sweep(): void {
    const now = this.#now();
    while (this.#head < this.#order.length) {
      const code = this.#order[this.#head] as string;
      const expiresAt = this.#expiry.get(code);
      if (expiresAt !== undefined && expiresAt > now && this.#expiry.size < this.#maxCodes) break;
      this.#expiry.delete(code);
      this.#head++;
    }
    if (this.#head > 1024 && this.#head * 2 > this.#order.length) {
      this.#order = this.#order.slice(this.#head);
      this.#head = 0;
    }
  }
}
