/**
 * The README's GitHub Actions step fails closed (issue 13, case 7): its exact
 * command line, run the way GitHub runs a `run:` step by default (`bash -e`,
 * no pipefail), exits 1 on a REJECT even though it pipes into `tee`.
 */
import { assert, assertEquals } from "../_assert.ts";
import { join } from "node:path";
import { ROOT } from "./_helpers.ts";

/** The `run:` command of the step named "abreplay gate" in the README's workflow. */
function readmeGateCommand(): string {
  const readme = Deno.readTextFileSync(join(ROOT, "README.md"));
  const yaml = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
  assert(yaml, "the README has a workflow example");
  const step = yaml.split(/\n\s*- /).find((s) => s.includes("name: abreplay gate"));
  assert(step, "the workflow has an 'abreplay gate' step");
  const block = /run: \|\n((?:\s{10,}.*\n?)+)/.exec(step);
  const line = block
    ? block[1].split("\n").map((l) => l.trim()).filter(Boolean).join("\n")
    : /run: (.*)/.exec(step)?.[1];
  assert(line, step);
  return line;
}

Deno.test("the README's CI gate step exits 1 on gate-reject.json under bash -e", async () => {
  const command = readmeGateCommand();
  assert(command.includes("scenarios/gate-admit.json"), command);
  assert(command.includes('| tee -a "$GITHUB_STEP_SUMMARY"'), "the step still pipes to tee");
  const summary = await Deno.makeTempFile({ prefix: "abreplay-step-summary-" });
  const out = await new Deno.Command("bash", {
    args: ["-e", "-c", command.replaceAll("gate-admit", "gate-reject")],
    cwd: ROOT,
    env: { GITHUB_STEP_SUMMARY: summary },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(out.stderr);
  assertEquals(out.code, 1, stderr);
  assert((await Deno.readTextFile(summary)).includes("REJECT"), "the verdict reached the summary");
});
