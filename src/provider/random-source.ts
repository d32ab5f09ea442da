/**
 * Cheap cryptographic randomness for ids and codes: one `randomBytes` call fills a pool that many
 * requests draw from, which keeps the provider's hot path free of a syscall per request.
 */
import { randomBytes } from "node:crypto";

const POOL_SIZE = 64 * 1024;
const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

/** Draws random strings from a refilled pool of random bytes. */
export class RandomSource {
  #pool = randomBytes(POOL_SIZE);
  #offset = 0;

  #byte(): number {
    if (this.#offset >= POOL_SIZE) {
      this.#pool = randomBytes(POOL_SIZE);
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
