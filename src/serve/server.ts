/**
 * The running server: `Deno.serve` on loopback with the API handler, the
 * model loaded in the background (the fallback answers meanwhile; `/ready`
 * says 503 `loading`), and graceful shutdown: `/ready` and new `/v1`
 * requests answer 503 while the requests in flight finish (up to a
 * deadline), then the listener closes and the event log is synced and
 * closed.
 *
 * @module
 */
import type { Recommender } from "../recommenders/mod.ts";
import { apiHandler, type ServerStatus } from "./http.ts";
import { EventLog } from "./events.ts";
import { RateLimiter } from "./rate_limit.ts";
import type { RecommendationService } from "./service.ts";
import { UsageError } from "../errors.ts";

/** Where and how a server listens: port, event log, rate limits, shutdown. */
export interface ListenOptions {
  /** NDJSON file the events are appended to. */
  eventsPath: string;
  /** TCP port on 127.0.0.1; 0 picks a free one. @default 0 */
  port?: number;
  /** Sustained requests per second per client; 0 turns rate limiting off. @default 50 */
  rateLimit?: number;
  /** Requests a client may send at once. @default 2 × rateLimit */
  burst?: number;
  /** Longest wait for in-flight requests at shutdown, ms. @default 10_000 */
  drainMs?: number;
}

/** Options of {@linkcode startServer}. */
export interface ServerOptions extends ListenOptions {
  /** Lists and fallback over the model's train data. */
  service: RecommendationService;
  /** Version reported in `X-Model-Version` (see `readModelInfo`). */
  modelVersion: string;
  /** Loads the model; until it resolves the fallback answers and `/ready` is 503. */
  loadModel: () => Promise<Recommender>;
}

/** A started server. */
export interface RunningServer {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** The port it listens on (the one picked when 0 was asked). */
  port: number;
  /** Settles when the model load ends (ready or failed). */
  loaded: Promise<void>;
  /** Current readiness. */
  status(): { status: ServerStatus; error?: string };
  /**
   * Graceful shutdown (idempotent): answers new `/v1` requests 503, waits for
   * in-flight requests up to `drainMs`, closes the listener and the event
   * log. Resolves true when every request finished in time.
   */
  shutdown(): Promise<boolean>;
}

/**
 * Opens the event log, starts listening on 127.0.0.1 and starts loading the
 * model. A log that cannot be opened throws before anything listens.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const events = await EventLog.open(options.eventsPath);
  const rate = options.rateLimit ?? 50;
  const limiter = rate > 0 ? new RateLimiter({ rate, burst: options.burst }) : null;
  let state: { status: ServerStatus; error?: string } = { status: "loading" };
  const status = () => state;
  // Requests being handled, and who waits for none to be left (shutdown).
  let inFlight = 0;
  let onIdle: (() => void) | null = null;
  const api = apiHandler({
    service: options.service,
    events,
    limiter,
    modelVersion: options.modelVersion,
    status,
    inFlight: () => inFlight,
  });
  let server: Deno.HttpServer<Deno.NetAddr>;
  try {
    server = Deno.serve({
      hostname: "127.0.0.1",
      port: options.port ?? 0,
      onListen: () => {},
      handler: async (req, info) => {
        inFlight++;
        try {
          return await api(req, info);
        } finally {
          if (--inFlight === 0) onIdle?.();
        }
      },
    });
  } catch (e) {
    events.close();
    if (!(e instanceof Deno.errors.AddrInUse)) throw e;
    throw new UsageError(`port ${options.port} on 127.0.0.1 is in use`, {
      hint: "give another --port, or --port 0 for a free one",
    });
  }
  const loaded = options.loadModel().then(
    (model) => {
      options.service.setModel(model);
      if (state.status === "loading") state = { status: "ready" };
    },
    (e) => {
      console.error("abreplay serve: the model failed to load; serving the fallback:", e);
      if (state.status === "loading") {
        state = { status: "failed", error: e instanceof Error ? e.message : String(e) };
      }
    },
  );
  let stopping: Promise<boolean> | null = null;
  // Draining is done here rather than by `server.shutdown()` alone: on Deno 2.9,
  // shutdown() makes the bodies of in-flight requests unreadable (denoland/deno#36809).
  // So: answer new /v1 requests 503 while the in-flight ones finish, then shut down.
  const shutdown = () =>
    stopping ??= (async () => {
      state = { status: "draining" };
      let timer: ReturnType<typeof setTimeout> | undefined;
      const drained = inFlight === 0 || await new Promise<boolean>((r) => {
        onIdle = () => r(true);
        timer = setTimeout(() => r(false), options.drainMs ?? 10_000);
      });
      clearTimeout(timer);
      await server.shutdown();
      events.close();
      return drained;
    })();
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    port: server.addr.port,
    loaded,
    status,
    shutdown,
  };
}
