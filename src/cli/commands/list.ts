/**
 * `abreplay list`: list recommender types.
 *
 * @module
 */
import { listRecommenders } from "../../recommenders/mod.ts";
import { type Command, parse } from "../args.ts";

export const listCommand: Command = {
  name: "list",
  summary: "List recommender types and their params.",
  help: `abreplay list [--json]`,
  run(args) {
    const { values } = parse("list", args);
    if (values.help) return Promise.resolve((console.log(this.help), 0));
    const all = listRecommenders();
    if (values.json) {
      console.log(
        JSON.stringify(
          all.map(({ type, description, params }) => ({ type, description, params })),
          null,
          2,
        ),
      );
      return Promise.resolve(0);
    }
    for (const f of all) {
      console.log(`${f.type}: ${f.description}`);
      for (const [p, d] of Object.entries(f.params)) {
        console.log(`    ${p} (default ${JSON.stringify(d.default)}): ${d.doc}`);
      }
    }
    return Promise.resolve(0);
  },
};
