/**
 * Safe writing, for outputs and caches alike: per-process temporary names
 * (`temp.ts`), publishing by rename (`publish.ts`), one writer per folder
 * (`lock.ts`), cleanup when interrupted (`interrupt.ts`) and of dead
 * processes' leftovers (`temp.ts`, `pid.ts`), and writability checks made
 * before any work (`writable.ts`).
 *
 * @module
 */
export * from "./pid.ts";
export * from "./interrupt.ts";
export * from "./temp.ts";
export * from "./publish.ts";
export * from "./lock.ts";
export * from "./writable.ts";
