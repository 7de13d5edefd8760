/**
 * `abreplay serve`: serve a saved model over HTTP on loopback.
 *
 * @module
 */
import { UsageError } from "../../errors.ts";
import { exitOnInterrupt } from "../exit.ts";
import { serveModel, type ServiceFallback, shutdownOnSignal } from "../../serve/mod.ts";
import { type Command, parse, scenarioFromArgs } from "../args.ts";
import { stderrProgress } from "../progress_render.ts";

export const serveCommand: Command = {
  name: "serve",
  summary: "Serve a saved model over HTTP on 127.0.0.1 (recommendations, similar books, events).",
  help: `abreplay serve [scenario] --model DIR [--port N] [--events FILE]
                [--rate-limit N] [--burst N] [--fallback popular|trending] [--quiet]

Serves the model saved in DIR (by \`abreplay fit\`) on http://127.0.0.1:N
(--port 0, the default, picks a free port; the first line on stdout is
"listening on <url> (model <version>)"). The first start needs the scenario
the model was fitted with: its train data is checked against the model and
saved in DIR/serving/, so later starts need only --model.

  GET  /v1/recommendations?user_id=U&limit=N   (limit 1-100, default 10)
  POST /v1/recommendations/batch   {"user_ids": [...], "limit": N}
  GET  /v1/items/{item_id}/similar?limit=N
  POST /v1/events/impression   {"user_id", "item_ids": [...], "request_id"?, "ts"?}
  POST /v1/events/click        {"user_id", "item_id", "position"?, "request_id"?, "ts"?}
  GET  /v1/events/schema, /health, /ready

Known users get exactly the model's recommend() list; unknown users, and
everyone while the model loads, get the popular fallback ("fallback": true).
Events are appended to --events (default events.ndjson), one whole line
each even if the server is killed. --rate-limit is requests/s per client
(X-Client-Id header, else the peer address; default 50, 0 = off), --burst the
requests a client may send at once (default 2 × rate): over it, 429 with
Retry-After. SIGTERM or SIGINT: stop accepting, finish in-flight requests
(up to 10 s), sync the event log, exit 0.`,
  ownsSignals: true,
  async run(args) {
    const { values, positionals } = parse("serve", args, {
      model: { type: "string" },
      port: { type: "string" },
      events: { type: "string" },
      "rate-limit": { type: "string" },
      burst: { type: "string" },
      fallback: { type: "string" },
    });
    if (values.help) return (console.log(this.help), 0);
    if (typeof values.model !== "string") {
      throw new UsageError("--model DIR is required", {
        hint: "abreplay serve --model models/demo-test",
      });
    }
    const fallback = String(values.fallback ?? "popular");
    if (fallback !== "popular" && fallback !== "trending") {
      throw new UsageError(`--fallback must be "popular" or "trending", found "${fallback}"`);
    }
    const progress = stderrProgress(!!values.quiet);
    // Until the model is loaded (snapshot files may be in the making), a signal
    // stops at once and removes them; then it shuts the server down gracefully.
    const stopInterrupts = exitOnInterrupt("serve", !!values.json);
    const server = await serveModel({
      modelDir: values.model,
      scenario: positionals.length ? await scenarioFromArgs("serve", values, positionals) : null,
      port: intOption(values.port, "--port", 0, 65535) ?? 0,
      eventsPath: typeof values.events === "string" ? values.events : "events.ndjson",
      rateLimit: intOption(values["rate-limit"], "--rate-limit", 0, 1e6),
      burst: intOption(values.burst, "--burst", 1, 1e6),
      fallback: fallback as ServiceFallback,
      progress,
    });
    console.log(`listening on ${server.url} (model ${server.info.version})`);
    await server.loaded;
    stopInterrupts();
    const s = server.status();
    progress.note(
      s.status === "ready" ? "model loaded: ready" : `not ready: ${s.error ?? s.status}`,
    );
    const drained = await shutdownOnSignal(server);
    progress.note(drained ? "stopped" : "stopped; some requests did not finish within 10 s");
    return 0;
  },
};

function intOption(raw: unknown, name: string, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`${name} must be an integer from ${min} to ${max}, found "${raw}"`);
  }
  return n;
}
