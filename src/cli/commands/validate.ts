/**
 * `abreplay validate`: check a scenario file.
 *
 * @module
 */
import { type Command, parse, scenarioFromArgs } from "../args.ts";

export const validateCommand: Command = {
  name: "validate",
  summary: "Check a scenario file and print it with every default filled in.",
  help: `abreplay validate <scenario.json|.yaml> [--quiet]

Reports every problem at once (JSON path, expected, found, did-you-mean); exit 2 when invalid.`,
  async run(args) {
    const { values, positionals } = parse("validate", args);
    if (values.help) return (console.log(this.help), 0);
    const s = await scenarioFromArgs("validate", values, positionals);
    if (!values.quiet) console.log(JSON.stringify({ ...s, file: undefined }, null, 2));
    console.error(`${positionals[0]}: valid`);
    return 0;
  },
};
