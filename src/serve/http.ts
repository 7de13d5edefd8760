/**
 * The HTTP API of `abreplay serve`: routes, request parsing with limits, rate
 * limiting, and the one place where errors become JSON responses.
 *
 * | method | path | answer |
 * |---|---|---|
 * | GET | `/v1/recommendations?user_id=U&limit=N` | `{ user_id, model_version, request_id, fallback, items }` |
 * | POST | `/v1/recommendations/batch` `{ user_ids, limit }` | `{ model_version, request_id, results: [{ user_id, fallback, items }] }` |
 * | GET | `/v1/items/{item_id}/similar?limit=N` | `{ item_id, model_version, request_id, fallback, items }` |
 * | POST | `/v1/events/impression`, `/v1/events/click` | 202 `{ accepted: true, event_id }` |
 * | GET | `/v1/events/schema` | the events' JSON Schemas |
 * | GET | `/health` | 200 while the process serves (liveness) |
 * | GET | `/ready` | 200 once the model is loaded, else 503 (`loading`, `failed`, `draining`) |
 *
 * Items are `{ item_id, rank, score, title, authors, explanation }` (see
 * `service.ts`). Every answer of `/v1/*` carries `X-Model-Version`. Errors are
 * `{ "error": { "status", "code", "message", "problems"? } }`: 400 bad query,
 * body or event (every schema problem listed), 404 unknown route or item, 405
 * wrong method (with `Allow`), 413 body over {@linkcode MAX_BODY_BYTES}, 415
 * body not JSON, 429 rate limited (with `Retry-After` in seconds), 500 a bug
 * (logged to stderr), 503 shutting down (new requests while in-flight ones
 * finish).
 *
 * Rate limiting applies to `/v1/*` per client: the `X-Client-Id` header when
 * present (set by a gateway that authenticates clients), else the peer address.
 *
 * @module
 */
import type { Problem, Schema } from "../scenario/mod.ts";
import { typeName, validate } from "../scenario/mod.ts";
import { API_MAX_LIMIT } from "../recommenders/mod.ts";
import type { RecommendationService, ServedList } from "./service.ts";
import { EVENT_SCHEMAS, eventJsonSchemas, type EventLog, type EventType } from "./events.ts";
import type { RateLimiter } from "./rate_limit.ts";

/** Items per list: default and maximum of `limit`. */
export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = API_MAX_LIMIT;
/** Users per batch request, at most. */
export const MAX_BATCH = 1000;
/** Largest accepted request body, bytes. */
export const MAX_BODY_BYTES = 256 * 1024;

/** Readiness of the server. */
export type ServerStatus = "loading" | "ready" | "failed" | "draining";

/** What the handlers read. */
export interface ApiContext {
  service: RecommendationService;
  events: EventLog;
  limiter: RateLimiter | null;
  modelVersion: string;
  /** Readiness, and the load error when `failed`. */
  status(): { status: ServerStatus; error?: string };
  /** Requests being handled now (this one included). */
  inFlight(): number;
}

/** An HTTP error answered as JSON by {@linkcode apiHandler}. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly problems?: Problem[],
  ) {
    super(message);
    this.name = "HttpError";
  }
}

type Handler = (req: Request, url: URL, match: RegExpMatchArray, ctx: ApiContext) =>
  | Response
  | Promise<Response>;
interface Route {
  path: RegExp;
  methods: Record<string, Handler>;
  /** Under the per-client rate limit. */
  limited: boolean;
}

const ROUTES: Route[] = [
  { path: /^\/health$/, methods: { GET: health }, limited: false },
  { path: /^\/ready$/, methods: { GET: ready }, limited: false },
  { path: /^\/v1\/recommendations$/, methods: { GET: recommendations }, limited: true },
  { path: /^\/v1\/recommendations\/batch$/, methods: { POST: batch }, limited: true },
  { path: /^\/v1\/items\/([^/]+)\/similar$/, methods: { GET: similar }, limited: true },
  { path: /^\/v1\/events\/(impression|click)$/, methods: { POST: event }, limited: true },
  {
    path: /^\/v1\/events\/schema$/,
    methods: { GET: () => json(200, eventJsonSchemas()) },
    limited: true,
  },
];

/**
 * The request handler for `Deno.serve`: routes, rate limit, handlers, and
 * errors turned into JSON responses (unknown errors logged, answered 500).
 */
export function apiHandler(
  ctx: ApiContext,
): (req: Request, info: Deno.ServeHandlerInfo<Deno.NetAddr>) => Promise<Response> {
  return async (req, info) => {
    try {
      const url = new URL(req.url);
      const route = ROUTES.find((r) => r.path.test(url.pathname));
      if (!route) throw new HttpError(404, "not_found", `no route ${url.pathname}`);
      const handler = route.methods[req.method];
      if (!handler) {
        const allow = Object.keys(route.methods).join(", ");
        throw new HttpError(
          405,
          "method_not_allowed",
          `${req.method} is not allowed on ${url.pathname}; use ${allow}`,
          {
            Allow: allow,
          },
        );
      }
      if (route.limited && ctx.status().status === "draining") {
        throw new HttpError(503, "shutting_down", "the server is shutting down", {
          "Retry-After": "1",
        });
      }
      if (route.limited && ctx.limiter) {
        const client = req.headers.get("x-client-id")?.slice(0, 128) || info.remoteAddr.hostname;
        const wait = ctx.limiter.take(client);
        if (wait > 0) {
          throw new HttpError(429, "rate_limited", `too many requests from client "${client}"`, {
            "Retry-After": String(Math.max(1, Math.ceil(wait))),
          });
        }
      }
      const res = await handler(req, url, url.pathname.match(route.path)!, ctx);
      if (route.limited) res.headers.set("X-Model-Version", ctx.modelVersion);
      return res;
    } catch (e) {
      if (e instanceof HttpError) return errorResponse(e, ctx);
      console.error(`abreplay serve: internal error on ${req.method} ${req.url}:`, e);
      return errorResponse(new HttpError(500, "internal", "internal error"), ctx);
    }
  };
}

function health(_req: Request, _url: URL, _m: RegExpMatchArray, ctx: ApiContext): Response {
  return json(200, {
    status: "ok",
    model_version: ctx.modelVersion,
    model: ctx.status().status,
    in_flight: ctx.inFlight(),
    counts: ctx.service.counts,
  });
}

function ready(_req: Request, _url: URL, _m: RegExpMatchArray, ctx: ApiContext): Response {
  const s = ctx.status();
  return json(s.status === "ready" ? 200 : 503, { ...s, model_version: ctx.modelVersion });
}

async function recommendations(_req: Request, url: URL, _m: RegExpMatchArray, ctx: ApiContext) {
  const q = query(url, ["user_id", "limit"]);
  const userId = q.get("user_id");
  if (!userId) throw new HttpError(400, "bad_request", "query parameter user_id is required");
  const [list] = await ctx.service.recommend([userId], limitOf(q));
  return answer(ctx, { user_id: userId }, list);
}

const BATCH_SCHEMA: Schema = {
  kind: "object",
  doc: "A batch of users.",
  required: ["user_ids"],
  props: {
    user_ids: {
      kind: "array",
      doc: "users to recommend to",
      items: { kind: "string", doc: "A user id." },
      minItems: 1,
      maxItems: MAX_BATCH,
    },
    limit: { kind: "number", doc: "Items per list.", integer: true, min: 1, max: MAX_LIMIT },
  },
};

async function batch(req: Request, _url: URL, _m: RegExpMatchArray, ctx: ApiContext) {
  const body = await readJson(req);
  checkSchema(BATCH_SCHEMA, body, "batch request");
  const { user_ids, limit } = body as { user_ids: string[]; limit?: number };
  const lists = await ctx.service.recommend(user_ids, limit ?? DEFAULT_LIMIT);
  return json(200, {
    model_version: ctx.modelVersion,
    request_id: crypto.randomUUID(),
    results: lists.map((l, j) => ({ user_id: user_ids[j], ...l })),
  });
}

function similar(_req: Request, url: URL, m: RegExpMatchArray, ctx: ApiContext): Response {
  const q = query(url, ["limit"]);
  let itemId: string;
  try {
    itemId = decodeURIComponent(m[1]);
  } catch {
    throw new HttpError(
      400,
      "bad_request",
      `item id ${JSON.stringify(m[1])} is not valid percent-encoding`,
    );
  }
  if (!ctx.service.hasItem(itemId)) {
    throw new HttpError(404, "unknown_item", `no item ${JSON.stringify(itemId)}`);
  }
  return answer(ctx, { item_id: itemId }, ctx.service.similar(itemId, limitOf(q)));
}

async function event(req: Request, _url: URL, m: RegExpMatchArray, ctx: ApiContext) {
  const type = m[1] as EventType;
  const body = await readJson(req);
  checkSchema(EVENT_SCHEMAS[type], body, `${type} event`);
  const eventId = crypto.randomUUID();
  ctx.events.append({
    type,
    event_id: eventId,
    received_at: new Date().toISOString(),
    model_version: ctx.modelVersion,
    ...(body as Record<string, unknown>),
  });
  return json(202, { accepted: true, event_id: eventId });
}

function answer(ctx: ApiContext, who: Record<string, string>, list: ServedList): Response {
  const requestId = crypto.randomUUID();
  const res = json(200, {
    ...who,
    model_version: ctx.modelVersion,
    request_id: requestId,
    ...list,
  });
  res.headers.set("X-Request-Id", requestId);
  return res;
}

/** The query of `url`, refusing parameters other than `allowed` and repeated ones. */
function query(url: URL, allowed: string[]): URLSearchParams {
  const q = url.searchParams;
  for (const k of new Set(q.keys())) {
    if (!allowed.includes(k)) {
      throw new HttpError(
        400,
        "bad_request",
        `unknown query parameter "${k}"; use ${allowed.join(", ")}`,
      );
    }
    if (q.getAll(k).length > 1) {
      throw new HttpError(400, "bad_request", `query parameter ${k} is repeated`);
    }
  }
  return q;
}

/** `limit` of a query: an integer from 1 to MAX_LIMIT, default DEFAULT_LIMIT. */
function limitOf(q: URLSearchParams): number {
  const raw = q.get("limit");
  if (raw === null) return DEFAULT_LIMIT;
  const n = /^[0-9]{1,4}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= 1 && n <= MAX_LIMIT)) {
    throw new HttpError(
      400,
      "bad_limit",
      `limit must be an integer from 1 to ${MAX_LIMIT}, found ${JSON.stringify(raw)}`,
    );
  }
  return n;
}

/** The JSON body of `req`: 415 when not JSON, 413 when over MAX_BODY_BYTES, 400 when malformed. */
async function readJson(req: Request): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new HttpError(
      415,
      "unsupported_media_type",
      `send the body as application/json (found ${JSON.stringify(type)})`,
    );
  }
  const tooLarge = () =>
    new HttpError(413, "body_too_large", `the body is over ${MAX_BODY_BYTES} bytes`);
  if (Number(req.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    for await (const chunk of req.body) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) throw tooLarge();
      chunks.push(chunk);
    }
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) bytes.set(c, (at += c.length) - c.length);
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new HttpError(400, "bad_json", `the body is not valid JSON: ${(e as Error).message}`);
  }
}

/** 400 with every problem of `body` under `schema` (an object schema). */
function checkSchema(schema: Schema, body: unknown, what: string): void {
  if (typeName(body) !== "object") {
    throw new HttpError(
      400,
      "invalid_body",
      `invalid ${what}: expected a JSON object, found ${typeName(body)}`,
    );
  }
  const problems: Problem[] = [];
  validate(schema, body, "", problems);
  if (problems.length === 0) return;
  const first = problems[0];
  throw new HttpError(
    400,
    "invalid_body",
    `invalid ${what}: ${first.path ? `${first.path}: ` : ""}${first.message}${
      problems.length > 1 ? ` (and ${problems.length - 1} more)` : ""
    }`,
    {},
    problems,
  );
}

function errorResponse(e: HttpError, ctx: ApiContext): Response {
  const res = json(e.status, {
    error: {
      status: e.status,
      code: e.code,
      message: e.message,
      ...(e.problems ? { problems: e.problems } : {}),
    },
  });
  for (const [k, v] of Object.entries(e.headers)) res.headers.set(k, v);
  res.headers.set("X-Model-Version", ctx.modelVersion);
  return res;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8" },
  });
}
