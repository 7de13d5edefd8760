/**
 * `http`: an arm served by a running recommendation service — `abreplay
 * serve`, or any service with the same API — instead of a model in this
 * process. Each `recommend(users, k)` call is one request:
 * `GET {url}/v1/recommendations?user_id=…&limit=k` for one user,
 * `POST {url}/v1/recommendations/batch` `{"user_ids": [...], "limit": k}` for
 * more (`batchSize` > 1). Up to `concurrency` requests are in flight (the
 * replay's lanes). An attempt that times out (`timeoutMs`), cannot connect,
 * answers 5xx or 429, or answers a body that is not the API's shape is retried
 * up to `retries` times after `backoffMs · 2^attempt`; another 4xx is not
 * retried. A request that still fails throws, so the replay counts its users
 * as not served (PROTOCOL §6) with empty lists (PROTOCOL §3: scored 0), and
 * the SRM test and the gate's error rule see them.
 *
 * The arm learns nothing: `fit` keeps the run's id maps (dense user → the
 * service's `user_id`, the service's `item_id` → dense item; an item the run
 * does not know becomes an out-of-range id, which the replay drops and counts).
 *
 * @module
 */
import type { RecLists, Recommender, RecommenderFactory, TrainData } from "./types.ts";

/**
 * Most items the design's recommendations API returns per list (its `limit`
 * maximum): an `http` arm cannot be replayed at a larger k.
 */
export const API_MAX_LIMIT = 100;

/** Params of the `http` recommender. */
export interface HttpParams {
  /** Base address of the service, e.g. `http://127.0.0.1:8080`. */
  url: string;
  /** Requests in flight at once. @default 8 */
  concurrency: number;
  /** Time limit of one attempt (answer and body), ms. @default 1000 */
  timeoutMs: number;
  /** Attempts after the first. @default 2 */
  retries: number;
  /** Wait before retry n (0-based) is `backoffMs · 2^n`. @default 50 */
  backoffMs: number;
  /** Users per request: 1 uses the GET endpoint, more the batch endpoint. @default 1 */
  batchSize: number;
}

/** Why an attempt failed, as counted in {@linkcode HttpRecommender.servingCounts}. */
type FailureKind =
  | "timeouts"
  | "network"
  | "serverErrors"
  | "rateLimited"
  | "clientErrors"
  | "malformed";

/** One failed attempt. */
class AttemptError extends Error {
  constructor(readonly kind: FailureKind, message: string) {
    super(message);
  }
}

/**
 * The arm that calls a recommendation service over HTTP.
 *
 * @example
 * ```ts
 * import { HttpRecommender } from "./http.ts";
 * // A stand-in service: user "b" gets item "y"; every other user gets a 503.
 * const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
 *   const user = new URL(req.url).searchParams.get("user_id");
 *   return user === "b"
 *     ? Response.json({ user_id: "b", items: [{ item_id: "y" }] })
 *     : new Response("down", { status: 503 });
 * });
 * const rec = new HttpRecommender({ url: `http://127.0.0.1:${server.addr.port}`, concurrency: 1,
 *   timeoutMs: 1000, retries: 1, backoffMs: 1, batchSize: 1 });
 * rec.fit({ userIds: ["a", "b"], itemIds: ["x", "y"], nItems: 2 } as never);
 * const got = await rec.recommend(Int32Array.of(1), 2);
 * if (got.items.join() !== "1,-1") throw new Error(got.items.join());
 * const failed = await rec.recommend(Int32Array.of(0), 2).then(() => false, () => true);
 * await server.shutdown();
 * const c = rec.servingCounts();
 * if (!failed || c.requests !== 2 || c.attempts !== 3 || c.serverErrors !== 2 || c.failedRequests !== 1) {
 *   throw new Error(JSON.stringify(c));
 * }
 * ```
 */
export class HttpRecommender implements Recommender {
  readonly type = "http";
  readonly concurrency: number;
  readonly requestSize: number;
  #base: string;
  #userIds: string[] | null = null;
  #itemPos = new Map<string, number>();
  #nItems = 0;
  #counts = {
    requests: 0,
    attempts: 0,
    retries: 0,
    failedRequests: 0,
    timeouts: 0,
    network: 0,
    serverErrors: 0,
    rateLimited: 0,
    clientErrors: 0,
    malformed: 0,
  };

  constructor(readonly params: HttpParams) {
    this.concurrency = params.concurrency;
    this.requestSize = params.batchSize;
    this.#base = params.url.replace(/\/+$/, "");
  }

  /** Keeps the run's id maps; there is nothing to learn. */
  fit(data: TrainData): void {
    this.#userIds = data.userIds;
    this.#nItems = data.nItems;
    this.#itemPos = new Map(data.itemIds.map((id, i) => [id, i]));
  }

  /** Requests, attempts, retries, failed requests and failed attempts by kind. */
  servingCounts(): Record<string, number> {
    return { ...this.#counts };
  }

  async recommend(users: Int32Array, k: number): Promise<RecLists> {
    const ids = this.#userIds;
    if (!ids) throw new Error("http arm: fit(data) must run before recommend");
    const wanted = Array.from(users, (u) => ids[u]);
    this.#counts.requests++;
    const { retries, backoffMs } = this.params;
    for (let attempt = 0;; attempt++) {
      this.#counts.attempts++;
      try {
        return this.#lists(users, k, await this.#attempt(wanted, k));
      } catch (e) {
        if (!(e instanceof AttemptError)) throw e;
        this.#counts[e.kind]++;
        if (e.kind === "clientErrors" || attempt >= retries) {
          this.#counts.failedRequests++;
          throw new Error(`http arm: ${e.message} (after ${attempt + 1} attempt(s))`);
        }
        this.#counts.retries++;
        await new Promise((r) => setTimeout(r, backoffMs * 2 ** attempt));
      }
    }
  }

  /** One attempt: each user's `item_id`s, in `wanted`'s order; throws an AttemptError. */
  async #attempt(wanted: string[], k: number): Promise<string[][]> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.params.timeoutMs);
    try {
      const one = wanted.length === 1;
      const res = await fetch(
        one
          ? `${this.#base}/v1/recommendations?user_id=${encodeURIComponent(wanted[0])}&limit=${k}`
          : `${this.#base}/v1/recommendations/batch`,
        one ? { signal: abort.signal } : {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ user_ids: wanted, limit: k }),
          signal: abort.signal,
        },
      );
      const text = await res.text();
      if (res.status !== 200) {
        const kind = res.status >= 500
          ? "serverErrors"
          : res.status === 429
          ? "rateLimited"
          : "clientErrors";
        throw new AttemptError(kind, `status ${res.status} from ${res.url}`);
      }
      return parseLists(text, wanted);
    } catch (e) {
      if (e instanceof AttemptError) throw e;
      if (abort.signal.aborted) {
        throw new AttemptError("timeouts", `no answer within ${this.params.timeoutMs} ms`);
      }
      throw new AttemptError("network", `cannot reach ${this.#base}: ${(e as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
  }

  #lists(users: Int32Array, k: number, got: string[][]): RecLists {
    const items = new Int32Array(users.length * k).fill(-1);
    got.forEach((list, j) => {
      for (let p = 0; p < Math.min(k, list.length); p++) {
        items[j * k + p] = this.#itemPos.get(list[p]) ?? this.#nItems;
      }
    });
    return { k, users, items };
  }
}

/**
 * The `item_id`s of each user in an answer of the API (one user's
 * `{ user_id, items }`, or `{ results: [...] }` for a batch), in `wanted`'s
 * order; anything else throws a `malformed` AttemptError.
 */
function parseLists(text: string, wanted: string[]): string[][] {
  const bad = (why: string): never => {
    throw new AttemptError("malformed", `malformed answer: ${why}`);
  };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    bad("not JSON");
  }
  const obj = (x: unknown) => typeof x === "object" && x !== null && !Array.isArray(x);
  if (!obj(body)) bad("not a JSON object");
  const b = body as Record<string, unknown>;
  const results = wanted.length === 1 && !("results" in b) ? [b] : b.results;
  if (!Array.isArray(results) || results.length !== wanted.length) {
    bad(`expected ${wanted.length} result(s)`);
  }
  return (results as unknown[]).map((r, j) => {
    if (!obj(r)) bad("a result is not an object");
    const { user_id, items } = r as Record<string, unknown>;
    if (user_id !== wanted[j]) bad(`user_id ${JSON.stringify(user_id)} for ${wanted[j]}`);
    if (!Array.isArray(items)) bad("items is not a list");
    return (items as unknown[]).map((it) => {
      const id = obj(it) ? (it as Record<string, unknown>).item_id : undefined;
      return typeof id === "string" ? id : bad("an item without a string item_id");
    });
  });
}

/** The `http` type. */
export const httpFactory: RecommenderFactory = {
  type: "http",
  description:
    "Calls a running recommendation service (abreplay serve's API) over HTTP; failed requests count as unserved users.",
  params: {
    url: {
      kind: "url",
      default: null,
      doc: 'Base address of the service, e.g. "http://127.0.0.1:8080".',
    },
    concurrency: {
      kind: "number",
      int: true,
      min: 1,
      max: 256,
      default: 8,
      doc: "Requests in flight at once.",
    },
    timeoutMs: {
      kind: "number",
      exclusiveMin: 0,
      default: 1000,
      doc: "Time limit of one attempt (answer and body), ms.",
    },
    retries: {
      kind: "number",
      int: true,
      min: 0,
      max: 10,
      default: 2,
      doc: "Attempts after the first, for timeouts, network errors, 5xx, 429 and malformed bodies.",
    },
    backoffMs: {
      kind: "number",
      min: 0,
      default: 50,
      doc: "Wait before retry n (0-based): backoffMs · 2^n ms.",
    },
    batchSize: {
      kind: "number",
      int: true,
      min: 1,
      max: 1000,
      default: 1,
      doc: "Users per request: 1 = GET /v1/recommendations, more = POST /v1/recommendations/batch.",
    },
  },
  create: (params) => new HttpRecommender(params as unknown as HttpParams),
};
