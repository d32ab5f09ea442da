/**
 * Cheap cryptographic randomness for ids and codes: one call fills a pool that many requests draw
 * from, which keeps the provider's hot path free of a syscall per request. The pool is refilled in
 * place: a fresh 64 KiB buffer per refill (about 12 a second under load) piled up as external
 * memory that only a major GC frees, and made the provider's RSS climb for 100 s under load
 * (bench:soak) while a bare node:http server stayed flat.
 */
import { randomBytes, randomFillSync } from "node:crypto";

const POOL_SIZE = 64 * 1024;
const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

/** Draws random strings from a refilled pool of random bytes. */
export class RandomSource {
  readonly #pool = randomBytes(POOL_SIZE);
  #offset = 0;

  #byte(): number {
    if (this.#offset >= POOL_SIZE) {
      randomFillSync(this.#pool);
      this.#offset = 0;
    }
    return this.#pool[this.#offset++] as number;
  }

  /** A string of `length` characters drawn uniformly from `alphabet` (rejection sampling, no bias). */
  string(alphabet: string, length: number): string {
    const n = alphabet.length;
    const limit = 256 - (256 % n);
    let out = "";
    while (out.length < length) {
      const b = this.#byte();
      if (b < limit) out += alphabet[b % n];
    }
    return out;
  }

  /** A URL-safe id of `length` characters (6 random bits each). */
  id(length: number): string {
    let out = "";
    for (let i = 0; i < length; i++) out += ID_ALPHABET[this.#byte() & 63];
    return out;
  }
}
