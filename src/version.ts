/**
 * Versions written into every output: abreplay's own (the `version` of
 * `deno.json`, its one home), the evaluation protocol's, and the npm
 * libraries the run used (the `imports` of `deno.json`).
 *
 * @example
 * ```ts
 * import { PROTOCOL_VERSION, VERSION } from "./version.ts";
 * if (!/^\d+\.\d+\.\d+/.test(VERSION) || !PROTOCOL_VERSION.startsWith("abreplay-protocol")) throw new Error();
 * ```
 *
 * @module
 */
import config from "../deno.json" with { type: "json" };

/** Version of abreplay, as published (`deno.json`). */
export const VERSION: string = config.version;

/** Protocol identifier written in every output (PROTOCOL §7): v1.1 adds the §4.1 metrics to v1, whose definitions it keeps. */
export const PROTOCOL_VERSION = "abreplay-protocol-v1.1";

/** The npm libraries abreplay imports, name → specifier with version (`deno.json`). */
export const LIBRARIES: Readonly<Record<string, string>> = config.imports;
