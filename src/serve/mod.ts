/**
 * Serving a saved model over HTTP on loopback (`abreplay serve`): the design's
 * recommendation API with a popular fallback, events appended to a crash-safe
 * NDJSON log, per-client rate limiting, readiness and graceful shutdown.
 *
 * - `serve_model.ts`: a model directory → a running server; shutdown on signals.
 * - `model_dir.ts`, `snapshot.ts`: the model's identity and the train data it needs.
 * - `service.ts`: lists by string id (model or fallback), similar books.
 * - `http.ts`: routes, limits, JSON errors; the API table is in its doc.
 * - `events.ts`, `rate_limit.ts`, `server.ts`: event schema and log, token buckets, the server.
 *
 * @module
 */
export * from "./serve_model.ts";
export * from "./model_dir.ts";
export * from "./snapshot.ts";
export * from "./service.ts";
export * from "./http.ts";
export * from "./events.ts";
export * from "./rate_limit.ts";
export * from "./server.ts";
