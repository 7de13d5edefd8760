/**
 * The folder lock across processes: a live holder makes the next writer wait
 * (and say for whom), a holder killed with SIGKILL releases it at once (its
 * lock file, with the dead pid, is taken over), and the lock file goes away on
 * release.
 */
import { assert, assertEquals } from "../_assert.ts";
import { LOCK_NAME, withFolderLock } from "../../src/files/mod.ts";

const LOCK = new URL("../../src/files/lock.ts", import.meta.url).href;

/** A process that takes the lock of `dir`, prints "locked", holds it `ms`, then exits. */
function holder(dir: string, ms: number) {
  const code = `import { withFolderLock } from ${JSON.stringify(LOCK)};
await withFolderLock(${JSON.stringify(dir)}, async () => {
  console.log("locked");
  await new Promise((r) => setTimeout(r, ${ms}));
});`;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["eval", code],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  const locked = (async () => {
    for (let text = ""; !text.includes("locked");) {
      const { value, done } = await reader.read();
      if (done) throw new Error("the holder never locked");
      text += value;
    }
  })();
  return { child, locked, close: () => reader.cancel() };
}

Deno.test("a live holder makes the next writer wait, naming its pid", async () => {
  const dir = await Deno.makeTempDir();
  const h = holder(dir, 700);
  await h.locked;
  const waitedFor: (number | null)[] = [];
  const t0 = performance.now();
  let holderDone = false;
  h.child.status.then(() => (holderDone = true));
  await withFolderLock(dir, () => {
    assert(holderDone || performance.now() - t0 > 400, "entered while the holder held the lock");
    return Promise.resolve();
  }, { onWait: (pid) => waitedFor.push(pid) });
  assertEquals(waitedFor, [h.child.pid]);
  await h.child.status;
  await h.close();
  assertEquals([...Deno.readDirSync(dir)], [], "no lock file left");
});

Deno.test("a holder killed with SIGKILL leaves a lock that is taken over at once", async () => {
  const dir = await Deno.makeTempDir();
  const h = holder(dir, 60_000);
  await h.locked;
  h.child.kill("SIGKILL");
  await h.child.status;
  await h.close();
  assertEquals(
    (await Deno.readTextFile(`${dir}/${LOCK_NAME}`)).trim(),
    String(h.child.pid),
    "the dead holder's lock file is still there",
  );
  let waited = false;
  const t0 = performance.now();
  await withFolderLock(dir, async () => {
    assertEquals((await Deno.readTextFile(`${dir}/${LOCK_NAME}`)).trim(), String(Deno.pid));
  }, { onWait: () => (waited = true) });
  assert(!waited && performance.now() - t0 < 1000, "no waiting for a dead process");
  assertEquals([...Deno.readDirSync(dir)], []);
});
