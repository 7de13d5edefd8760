/**
 * End-to-end benchmark against a Python peer, at several scales of the
 * Goodreads-YA-shaped generator (`--scale` presets: 1/8, 1/4, 1/2, full):
 * ingest (Parquet), clean, split, fit popular + item2item, paired replay,
 * metrics, B = 2000 bootstrap, report — seconds and peak RSS per stage for
 * abreplay (bench/_pipeline_run.ts) and for the pandas + NumPy + SciPy peer
 * (bench/pipeline_peer.py) on the same file, with the ratio, and a check that
 * the popular arm's metrics are identical in both.
 *
 *   deno task bench                       # bootstrap bench + pipeline at 1/8
 *   deno run -A bench/pipeline_bench.ts 1/8,1/4,1/2,full
 *
 * Data is generated into data/cache/scale-<s>/ on first use (full: ≈1 min, 420 MB).
 * The peer needs pandas and pyarrow (`pip install pandas pyarrow`).
 *
 * @module
 */
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const scales = (Deno.args[0] ?? "1/8").split(",");

async function sh(cmd: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  const out = await new Deno.Command(cmd, {
    args,
    cwd: root,
    stdout: "piped",
    stderr: "inherit",
    env,
  }).output();
  if (!out.success) throw new Error(`${cmd} ${args.join(" ")} failed (${out.code})`);
  return new TextDecoder().decode(out.stdout);
}

type Run = {
  stages: Record<string, { s: number; peakMiB: number }>;
  peakMiB?: number;
  totalS?: number;
  evalUsers: number;
  popular: Record<string, number>;
};

for (const scale of scales) {
  const dir = `data/cache/scale-${scale.replace("/", "_")}`;
  const file = `${dir}/interactions.parquet`;
  if (!(await Deno.stat(`${root}/${file}`).then(() => true, () => false))) {
    console.error(`generating ${scale} scale into ${dir} …`);
    await sh(Deno.execPath(), [
      "run",
      "-A",
      "src/cli/main.ts",
      "generate",
      "--scale",
      scale,
      "--format",
      "parquet",
      "--out",
      dir,
    ]);
  }
  console.log(`\n== scale ${scale}: ${file}`);
  const t0 = performance.now();
  const ours: Run = JSON.parse(
    (await sh(Deno.execPath(), ["run", "-A", "bench/_pipeline_run.ts", file])).trim().split("\n")
      .pop()!,
  );
  const oursS = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  let peer: Run | null = null;
  try {
    // One BLAS thread and no OpenBLAS core override, for this command only (see env notes).
    peer = JSON.parse(
      (await sh("python3", ["bench/pipeline_peer.py", file], {
        OPENBLAS_CORETYPE: "",
        OPENBLAS_L2_SIZE: "",
        OMP_NUM_THREADS: "1",
      })).trim().split("\n").pop()!,
    );
  } catch (e) {
    console.log(`peer failed: ${(e as Error).message}`);
  }
  const peerS = (performance.now() - t1) / 1000;
  const rows = new Set([...Object.keys(ours.stages), ...Object.keys(peer?.stages ?? {})]);
  console.log(
    `${"stage".padEnd(22)} ${"abreplay s".padStart(11)} ${"peak MiB".padStart(9)}   ${
      "peer s".padStart(8)
    } ${"peak MiB".padStart(9)}`,
  );
  for (const st of rows) {
    const a = ours.stages[st], b = peer?.stages[st];
    console.log(
      `${st.padEnd(22)} ${(a ? a.s.toFixed(2) : "").padStart(11)} ${
        (a ? String(a.peakMiB) : "").padStart(9)
      }   ${(b ? b.s.toFixed(2) : "").padStart(8)} ${(b ? String(b.peakMiB) : "").padStart(9)}`,
    );
  }
  console.log(
    `total (process wall)   ${oursS.toFixed(1).padStart(11)} ${
      String(ours.peakMiB ?? "").padStart(9)
    }   ${peerS.toFixed(1).padStart(8)}`,
  );
  if (peer) {
    console.log(
      `speed-up vs peer: ${
        (peerS / oursS).toFixed(2)
      }×  (eval users ${ours.evalUsers} vs ${peer.evalUsers})`,
    );
    const same = Object.keys(ours.popular).every((m) =>
      Math.abs(ours.popular[m] - peer!.popular[m]) < 1e-12
    );
    console.log(
      `popular metrics identical: ${same ? "yes" : "NO"}  ${JSON.stringify(ours.popular)}${
        same ? "" : ` vs ${JSON.stringify(peer.popular)}`
      }`,
    );
  }
}
