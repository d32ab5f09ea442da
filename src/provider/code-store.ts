/**
 * The in-memory store of context codes that payers shared, with a time to live and a hard cap.
 *
 * Memory stays bounded, and flat, under any flood. A `Map<string, number>` costs about 110 bytes
 * per code and churns the garbage collector once it is full: every eviction leaves a deleted entry
 * behind until V8 rehashes the whole table, so the soak bench saw resident memory climb for a
 * further 100 MB after the cap was reached. Here a code is instead packed into an integer (its
 * digits in base `CODE_ALPHABET.length`) and kept in typed arrays that are allocated as the store
 * grows and never again once it is full:
 * - an open-addressing hash table (linear probing, backward-shift deletion, so no tombstones)
 *   mapping the code to when it expires, at most half full;
 * - a ring buffer of the codes in insertion order, so the oldest is always at its head.
 *
 * Each insert first drops expired codes from the oldest end and then, while the store is at its
 * cap, evicts the oldest code (which a flood makes unusable sooner than its TTL would).
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

/** Smallest table the store starts with (slots); it doubles from here up to what the cap needs. */
const INITIAL_SLOTS = 1024;
const TWO_POW_32 = 4_294_967_296;

/** Digit of each ASCII character in the code alphabet, or -1. */
const DIGIT = new Int16Array(128).fill(-1);
for (let i = 0; i < CODE_ALPHABET.length; i++) DIGIT[CODE_ALPHABET.charCodeAt(i)] = i;
/** Number of distinct codes; a code's key is its number plus one, so that 0 marks an empty slot. */
const CODE_SPACE = CODE_ALPHABET.length ** CODE_LENGTH;
if (!Number.isSafeInteger(CODE_SPACE + 1)) {
  throw new Error(`the code rule allows ${CODE_SPACE} codes, too many to pack into an integer key`);
}
/** Keys fit 32 bits for the spec's rule (36⁶ codes); a wider rule falls back to 64-bit floats. */
const KEYS_FIT_32_BITS = CODE_SPACE + 1 < TWO_POW_32;
type KeyArray = Uint32Array | Float64Array;
const newKeys = (length: number): KeyArray =>
  KEYS_FIT_32_BITS ? new Uint32Array(length) : new Float64Array(length);

/** The integer key of a well-formed code, or 0 for any other string (which is never stored). */
function keyOf(code: string): number {
  if (code.length !== CODE_LENGTH) return 0;
  let value = 0;
  for (let i = 0; i < CODE_LENGTH; i++) {
    const c = code.charCodeAt(i);
    const digit = c < 128 ? (DIGIT[c] as number) : -1;
    if (digit < 0) return 0;
    value = value * CODE_ALPHABET.length + digit;
  }
  return value + 1;
}

/**
 * A 32-bit Fibonacci hash of a key; a table of 2^b slots takes its top b bits. It mixes the high
 * word in for code rules wider than 32 bits (for the spec's rule that word is 0). Minted codes are
 * uniformly random, and requests can only look codes up, never insert, so no one can build long
 * probe runs on purpose.
 */
function hash32(key: number): number {
  return Math.imul((key >>> 0) ^ Math.floor(key / TWO_POW_32), 0x9e3779b1);
}

/** Shared context codes and when each expires. */
export class CodeStore {
  readonly #ttlMs: number;
  readonly #maxCodes: number;
  readonly #now: () => number;
  readonly #random: RandomSource;

  // Hash table: `#keys[slot]` is a code's key (0 = empty), `#expiry[slot]` its expiry time.
  #keys: KeyArray;
  #expiry: Float64Array;
  #mask: number;
  /** Right shift that turns a 32-bit hash into a slot index (Fibonacci hashing). */
  #shift: number;

  // Ring buffer of keys, oldest at `#head`; it holds exactly the keys in the table.
  #ring: KeyArray;
  #head = 0;
  #count = 0;

  constructor(options: CodeStoreOptions, random: RandomSource) {
    if (!Number.isSafeInteger(options.maxCodes) || options.maxCodes < 1) {
      throw new RangeError(`maxCodes must be a whole number ≥ 1, got ${options.maxCodes}`);
    }
    this.#ttlMs = options.ttlMs;
    this.#maxCodes = options.maxCodes;
    this.#now = options.now ?? Date.now;
    this.#random = random;
    const slots = Math.min(INITIAL_SLOTS, slotsFor(options.maxCodes));
    this.#keys = newKeys(slots);
    this.#expiry = new Float64Array(slots);
    this.#mask = slots - 1;
    this.#shift = 32 - Math.log2(slots);
    this.#ring = newKeys(Math.min(slots / 2, options.maxCodes));
  }

  /** Number of codes held (expired ones not yet swept included). */
  get size(): number {
    return this.#count;
  }

  /** Bytes of the typed arrays that hold the codes: constant once the store has reached its cap. */
  get bytes(): number {
    return this.#keys.byteLength + this.#expiry.byteLength + this.#ring.byteLength;
  }

  /** Whether `code` was shared and has not expired. */
  isUsable(code: string): boolean {
    const key = keyOf(code);
    if (key === 0) return false;
    const slot = this.#find(key);
    return slot >= 0 && (this.#expiry[slot] as number) > this.#now();
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
    if (this.#count === this.#ring.length) this.#grow();
    let code: string;
    let key: number;
    do {
      code = this.#random.string(CODE_ALPHABET, CODE_LENGTH);
      key = keyOf(code);
    } while (this.#find(key) >= 0);
    this.#put(key, expiresAt);
    let tail = this.#head + this.#count;
    if (tail >= this.#ring.length) tail -= this.#ring.length;
    this.#ring[tail] = key;
    this.#count++;
    return code;
  }

  /** Drops codes from the oldest end while they are expired or the store is full. */
  #sweep(): void {
    const now = this.#now();
    while (this.#count > 0) {
      const slot = this.#find(this.#ring[this.#head] as number);
      if ((this.#expiry[slot] as number) > now && this.#count < this.#maxCodes) return;
      this.#delete(slot);
      this.#head = this.#head + 1 === this.#ring.length ? 0 : this.#head + 1;
      this.#count--;
    }
  }

  #home(key: number): number {
    return hash32(key) >>> this.#shift;
  }

  /** The slot holding `key`, or -1. */
  #find(key: number): number {
    const keys = this.#keys;
    for (let slot = this.#home(key); ; slot = (slot + 1) & this.#mask) {
      const held = keys[slot] as number;
      if (held === key) return slot;
      if (held === 0) return -1;
    }
  }

  #put(key: number, expiresAt: number): void {
    let slot = this.#home(key);
    while (this.#keys[slot] !== 0) slot = (slot + 1) & this.#mask;
    this.#keys[slot] = key;
    this.#expiry[slot] = expiresAt;
  }

  /**
   * Empties `slot` and shifts later members of its probe run back into the gap, so that every
   * lookup still finds its key before reaching an empty slot (no tombstones to accumulate).
   */
  #delete(slot: number): void {
    const keys = this.#keys;
    const mask = this.#mask;
    let gap = slot;
    for (let next = (gap + 1) & mask; keys[next] !== 0; next = (next + 1) & mask) {
      const home = this.#home(keys[next] as number);
      // The entry may move into the gap only if the gap lies on its path from home to where it is.
      if (((next - home) & mask) >= ((next - gap) & mask)) {
        keys[gap] = keys[next] as number;
        this.#expiry[gap] = this.#expiry[next] as number;
        gap = next;
      }
    }
    keys[gap] = 0;
  }

  /** Doubles the ring (up to the cap) and rebuilds the table at twice the ring's size. */
  #grow(): void {
    const ringLength = Math.min(this.#ring.length * 2, this.#maxCodes);
    const slots = slotsFor(ringLength);
    const oldKeys = this.#keys;
    const oldExpiry = this.#expiry;
    const oldRing = this.#ring;
    const oldMask = this.#mask;
    const oldShift = this.#shift;
    this.#keys = newKeys(slots);
    this.#expiry = new Float64Array(slots);
    this.#mask = slots - 1;
    this.#shift = 32 - Math.log2(slots);
    this.#ring = newKeys(ringLength);
    for (let i = 0; i < this.#count; i++) {
      const key = oldRing[(this.#head + i) % oldRing.length] as number;
      let slot = hash32(key) >>> oldShift;
      while (oldKeys[slot] !== key) slot = (slot + 1) & oldMask;
      this.#put(key, oldExpiry[slot] as number);
      this.#ring[i] = key;
    }
    this.#head = 0;
  }
}

/** Table slots for `codes` codes: a power of two at least twice as many, so it stays half empty. */
function slotsFor(codes: number): number {
  return 2 ** Math.max(1, Math.ceil(Math.log2(codes * 2)));
}
