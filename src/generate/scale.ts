/**
 * Generator size presets. `full` is shaped like Goodreads Young Adult
 * (≈35M interactions, ≈93k books, ≈500k users, 2007–2017); fractions scale
 * users and interactions (the catalog stays YA-sized) for cost curves.
 *
 * @module
 */
import type { GenerateOptions } from "./generate.ts";
import { ScenarioError } from "../errors.ts";

/** Preset names accepted by `--scale`. */
export const SCALES = ["small", "1/8", "1/4", "1/2", "full"] as const;
export type Scale = typeof SCALES[number];

const FULL = {
  users: 500_000,
  items: 93_000,
  interactions: 35_000_000,
  startYear: 2007,
  endYear: 2017,
};

/**
 * Generator options of a preset.
 *
 * @example
 * ```ts
 * import { scaleOptions } from "./scale.ts";
 * if (scaleOptions("1/4").interactions !== 8_750_000) throw new Error();
 * ```
 */
export function scaleOptions(scale: string): GenerateOptions {
  if (scale === "small") return {};
  const f = { "1/8": 1 / 8, "1/4": 1 / 4, "1/2": 1 / 2, full: 1 }[scale];
  if (f === undefined) {
    throw new ScenarioError(`unknown scale "${scale}"`, {
      path: "--scale",
      hint: `use one of ${SCALES.join(", ")}`,
    });
  }
  return {
    ...FULL,
    users: Math.round(FULL.users * f),
    interactions: Math.round(FULL.interactions * f),
  };
}
