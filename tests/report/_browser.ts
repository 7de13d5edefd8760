/**
 * Drives headless Chromium over the Chrome DevTools Protocol for browser tests.
 *
 * {@linkcode withBrowser} launches `chromium --headless --remote-debugging-port=0`
 * with a fresh profile, reads the DevTools URL from stderr, connects one
 * WebSocket (flat sessions), and always closes the socket, kills the process,
 * awaits its status and removes the profile, so Deno's test sanitizers see no
 * leak. {@linkcode Browser.openPage} attaches to a new tab with the Runtime,
 * Log, Network and Page domains enabled and records console errors,
 * exceptions, dialogs and requested URLs.
 *
 * @module
 */

/** Chromium binary: `$ABREPLAY_CHROMIUM`, else `/usr/bin/chromium`. */
export const CHROMIUM: string = Deno.env.get("ABREPLAY_CHROMIUM") ?? "/usr/bin/chromium";

/** True when {@linkcode CHROMIUM} is an existing file. */
export function chromiumInstalled(): boolean {
  try {
    return Deno.statSync(CHROMIUM).isFile;
  } catch {
    return false;
  }
}

/** True under CI (`$CI` set, and not "false" or "0"): browser tests may not be skipped there. */
export function browserRequired(): boolean {
  const ci = Deno.env.get("CI");
  return ci !== undefined && ci !== "" && ci !== "false" && ci !== "0";
}

/**
 * Whether browser tests are skipped (`ignore`): when Chromium is missing,
 * except under CI, where they run and fail in {@linkcode requireChromium}.
 */
export function skipBrowserTests(): boolean {
  return !chromiumInstalled() && !browserRequired();
}

/** Throws, naming the fix, when Chromium is missing (the first line of every browser test). */
export function requireChromium(): void {
  if (chromiumInstalled()) return;
  throw new Error(
    `Chromium is required under CI=${Deno.env.get("CI")} but ${CHROMIUM} is not installed ` +
      "(apt-get install -y chromium, or set ABREPLAY_CHROMIUM); outside CI the browser tests are skipped",
  );
}

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
  "--hide-scrollbars",
  "--remote-debugging-port=0",
];

type Json = Record<string, any>;
type Listener = (params: Json, sessionId?: string) => void;

/** Rejects after `ms` with a message naming `what`; the timer is always cleared. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** One DevTools connection to the browser target. */
export class Browser {
  #ws: WebSocket;
  #next = 1;
  #pending = new Map<
    number,
    { resolve: (v: Json) => void; reject: (e: Error) => void; method: string }
  >();
  #listeners = new Map<string, Listener[]>();

  constructor(ws: WebSocket) {
    this.#ws = ws;
    ws.onmessage = (ev) => this.#receive(JSON.parse(String(ev.data)));
  }

  #receive(msg: Json): void {
    if (typeof msg.id === "number") {
      const p = this.#pending.get(msg.id);
      this.#pending.delete(msg.id);
      if (msg.error) p?.reject(new Error(`${p.method}: ${msg.error.message} (${msg.error.code})`));
      else p?.resolve(msg.result ?? {});
      return;
    }
    for (const fn of this.#listeners.get(msg.method) ?? []) fn(msg.params ?? {}, msg.sessionId);
  }

  /** Sends a command (to a page when `sessionId` is given) and resolves with its result. */
  send(method: string, params: Json = {}, sessionId?: string): Promise<Json> {
    const id = this.#next++;
    const done = new Promise<Json>((resolve, reject) =>
      this.#pending.set(id, { resolve, reject, method })
    );
    this.#ws.send(
      JSON.stringify(sessionId ? { id, method, params, sessionId } : { id, method, params }),
    );
    return withTimeout(done, 15_000, method);
  }

  /** Calls `fn` on every event `method`. */
  on(method: string, fn: Listener): void {
    this.#listeners.set(method, [...(this.#listeners.get(method) ?? []), fn]);
  }

  /** Rejects every pending command (the socket is closing). */
  failPending(why: string): void {
    for (const p of this.#pending.values()) p.reject(new Error(`${p.method}: ${why}`));
    this.#pending.clear();
  }

  /**
   * Opens a new tab of `width`×`height` CSS pixels with the page domains
   * enabled; `mobile` emulates a phone (the viewport meta tag applies).
   */
  async openPage(width = 1280, height = 900, mobile = false): Promise<Page> {
    const { targetId } = await this.send("Target.createTarget", { url: "about:blank" });
    const { sessionId } = await this.send("Target.attachToTarget", { targetId, flatten: true });
    const page = new Page(this, sessionId);
    for (const domain of ["Runtime", "Log", "Network", "Page"]) await page.send(`${domain}.enable`);
    await page.send("Emulation.setDeviceMetricsOverride", {
      width,
      height,
      deviceScaleFactor: 1,
      mobile,
    });
    return page;
  }
}

/** A tab: what it logged and requested, and commands scoped to it. */
export class Page {
  /** Console errors/asserts, error log entries, uncaught exceptions. */
  readonly errors: string[] = [];
  /** Messages of JavaScript dialogs (each is dismissed). */
  readonly dialogs: string[] = [];
  /** URLs of every request the page sent. */
  readonly requests: string[] = [];
  #browser: Browser;
  #sessionId: string;
  #loaded: (() => void)[] = [];

  constructor(browser: Browser, sessionId: string) {
    this.#browser = browser;
    this.#sessionId = sessionId;
    const mine = (fn: (p: Json) => void): Listener => (p, s) => s === sessionId && fn(p);
    browser.on(
      "Runtime.consoleAPICalled",
      mine((p) => {
        if (p.type === "error" || p.type === "assert") {
          this.errors.push(
            `console.${p.type}: ${p.args.map((a: Json) => a.value ?? a.description).join(" ")}`,
          );
        }
      }),
    );
    browser.on(
      "Runtime.exceptionThrown",
      mine((p) => {
        const d = p.exceptionDetails;
        this.errors.push(
          `exception: ${d.exception?.description ?? d.text} at ${d.url}:${d.lineNumber}`,
        );
      }),
    );
    browser.on(
      "Log.entryAdded",
      mine((p) => {
        if (p.entry.level === "error") {
          this.errors.push(`log (${p.entry.source}): ${p.entry.text} ${p.entry.url ?? ""}`);
        }
      }),
    );
    browser.on("Network.requestWillBeSent", mine((p) => this.requests.push(p.request.url)));
    browser.on(
      "Page.javascriptDialogOpening",
      mine((p) => {
        this.dialogs.push(p.message);
        this.send("Page.handleJavaScriptDialog", { accept: false }).catch(() => {});
      }),
    );
    browser.on("Page.loadEventFired", mine(() => this.#loaded.splice(0).forEach((f) => f())));
  }

  /** Sends a command to this tab. */
  send(method: string, params: Json = {}): Promise<Json> {
    return this.#browser.send(method, params, this.#sessionId);
  }

  /** Navigates and resolves after the `load` event. */
  async navigate(url: string, timeoutMs = 10_000): Promise<void> {
    const loaded = new Promise<void>((resolve) => this.#loaded.push(resolve));
    const { errorText } = await this.send("Page.navigate", { url });
    if (errorText) throw new Error(`navigate ${url}: ${errorText}`);
    await withTimeout(loaded, timeoutMs, `load event of ${url}`);
  }

  /** Evaluates `expression` in the page and returns its JSON value; page exceptions throw. */
  async evaluate<T = unknown>(expression: string): Promise<T> {
    const r = await this.send("Runtime.evaluate", {
      expression,
      returnByValue: true,
      awaitPromise: true,
    });
    if (r.exceptionDetails) {
      throw new Error(
        `evaluate: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`,
      );
    }
    return r.result.value as T;
  }

  /** PNG of the whole page (beyond the viewport), or of its top `maxHeight` CSS pixels. */
  async screenshot(maxHeight = Infinity): Promise<Uint8Array> {
    const { cssContentSize: s } = await this.send("Page.getLayoutMetrics");
    const height = Math.min(Math.ceil(s.height), maxHeight);
    const { data } = await this.send("Page.captureScreenshot", {
      format: "png",
      captureBeyondViewport: true,
      clip: { x: 0, y: 0, width: Math.ceil(s.width), height, scale: 1 },
    });
    return Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  }
}

/** Reads chromium's stderr to the end; resolves `url` with the DevTools URL once printed. */
async function drainStderr(
  stream: ReadableStream<Uint8Array>,
  url: (u: string) => void,
): Promise<string> {
  let text = "";
  let found = false;
  for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
    text = (text + chunk).slice(-20_000);
    const m = !found && /DevTools listening on (ws:\/\/\S+)/.exec(text);
    if (m) {
      found = true;
      url(m[1]);
    }
  }
  return text;
}

/**
 * Launches Chromium, runs `fn` with the connection, and always tears
 * everything down (socket, process, profile directory).
 */
export async function withBrowser<T>(fn: (browser: Browser) => Promise<T>): Promise<T> {
  const profile = await Deno.makeTempDir({ prefix: "abreplay-chromium-" });
  const child = new Deno.Command(CHROMIUM, {
    args: [...FLAGS, `--user-data-dir=${profile}`, "about:blank"],
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  let gotUrl!: (u: string) => void;
  const urlPromise = new Promise<string>((resolve) => (gotUrl = resolve));
  const stderr = drainStderr(child.stderr, gotUrl);
  const exited = child.status.then((s) => s);
  let ws: WebSocket | null = null;
  let browser: Browser | null = null;
  try {
    const first = await withTimeout(
      Promise.race([urlPromise.then((url) => ({ url })), exited.then((status) => ({ status }))]),
      20_000,
      "chromium DevTools URL on stderr",
    );
    if (!("url" in first)) {
      throw new Error(
        `chromium exited (code ${first.status.code}) before DevTools was up:\n${await stderr}`,
      );
    }
    const url = first.url;
    ws = new WebSocket(url);
    const socket = ws;
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        socket.onopen = () => resolve();
        socket.onerror = () => reject(new Error(`cannot connect to ${url}`));
      }),
      10_000,
      "DevTools WebSocket open",
    );
    browser = new Browser(ws);
    return await fn(browser);
  } finally {
    if (ws && ws.readyState !== WebSocket.CLOSED) {
      const socket = ws;
      const closed = new Promise<void>((resolve) =>
        socket.addEventListener("close", () => resolve(), { once: true })
      );
      socket.close();
      await withTimeout(closed, 5_000, "DevTools WebSocket close").catch(() => {});
    }
    browser?.failPending("browser closed");
    try {
      child.kill("SIGKILL");
    } catch {
      // already exited
    }
    await exited;
    await stderr.catch(() => "");
    await Deno.remove(profile, { recursive: true }).catch(() => {});
  }
}
