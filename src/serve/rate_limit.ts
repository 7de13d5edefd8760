/**
 * Per-client rate limiting: one token bucket per client key. A bucket holds
 * at most `burst` tokens and refills at `rate` tokens per second; a request
 * takes one token, and a request finding less than one is refused with the
 * time until the bucket holds one again:
 *
 * `tokens(t) = min(burst, tokens(t₀) + rate·(t − t₀))`,
 * `wait = (1 − tokens(t)) / rate` seconds.
 *
 * So a client may send `burst` requests at once and `rate` per second
 * sustained. Idle clients (full buckets) are forgotten when more than
 * `maxClients` are tracked, which bounds memory.
 *
 * @module
 */

/** Options of {@linkcode RateLimiter}. */
export interface RateLimitOptions {
  /** Sustained requests per second per client. */
  rate: number;
  /** Requests a client may send at once. @default 2 × rate */
  burst?: number;
  /** Clients tracked before idle ones are forgotten. @default 100_000 */
  maxClients?: number;
  /** Clock in ms (injected in tests). @default performance.now */
  now?: () => number;
}

/**
 * Token buckets keyed by client.
 *
 * @example
 * ```ts
 * import { RateLimiter } from "./rate_limit.ts";
 * let t = 0;
 * const rl = new RateLimiter({ rate: 2, burst: 2, now: () => t });
 * // two at once pass, the third waits (1 − 0)/2 = 0.5 s
 * if (rl.take("a") !== 0 || rl.take("a") !== 0 || rl.take("a") !== 0.5) throw new Error();
 * if (rl.take("b") !== 0) throw new Error("another client has its own bucket");
 * t = 500; // half a second later one token is back
 * if (rl.take("a") !== 0) throw new Error();
 * ```
 */
export class RateLimiter {
  readonly rate: number;
  readonly burst: number;
  readonly #max: number;
  readonly #now: () => number;
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(options: RateLimitOptions) {
    if (!(options.rate > 0)) throw new RangeError(`rate must be > 0, found ${options.rate}`);
    this.rate = options.rate;
    this.burst = options.burst ?? 2 * options.rate;
    if (!(this.burst >= 1)) throw new RangeError(`burst must be >= 1, found ${this.burst}`);
    this.#max = options.maxClients ?? 100_000;
    this.#now = options.now ?? (() => performance.now());
  }

  /** Takes a token for `client`: 0 when allowed, else the seconds to wait before retrying. */
  take(client: string): number {
    const now = this.#now();
    let b = this.#buckets.get(client);
    if (!b) {
      if (this.#buckets.size >= this.#max) this.#forgetIdle(now);
      b = { tokens: this.burst, at: now };
      this.#buckets.set(client, b);
    }
    b.tokens = Math.min(this.burst, b.tokens + (this.rate * (now - b.at)) / 1000);
    b.at = now;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return (1 - b.tokens) / this.rate;
  }

  /** Number of clients tracked. */
  get clients(): number {
    return this.#buckets.size;
  }

  /** Drops clients whose bucket has refilled; if none has, the oldest half. */
  #forgetIdle(now: number): void {
    for (const [k, b] of this.#buckets) {
      if (b.tokens + (this.rate * (now - b.at)) / 1000 >= this.burst) this.#buckets.delete(k);
    }
    if (this.#buckets.size < this.#max) return;
    let drop = this.#buckets.size >> 1;
    for (const k of this.#buckets.keys()) {
      if (drop-- <= 0) break;
      this.#buckets.delete(k);
    }
  }
}
