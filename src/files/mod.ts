/**
 * Safe writing, for outputs and caches alike: per-process temporary names
 * (`temp.ts`), publishing by rename (`publish.ts`), one writer per folder or
 * file (`lock.ts`), cleanup when interrupted (`interrupt.ts`) and of dead
 * processes' leftovers (`temp.ts`, `pid.ts`), writability checks made
 * before any work (`writable.ts`), the output-folder rule — a new, empty or
 * abreplay's folder, never over a file abreplay did not create
 * (`output_folder.ts`) — and one-file atomic replacement (`atomic_file.ts`).
 *
 * @module
 */
export * from "./pid.ts";
export * from "./interrupt.ts";
export * from "./temp.ts";
export * from "./publish.ts";
export * from "./lock.ts";
export * from "./writable.ts";
export * from "./output_folder.ts";
export * from "./atomic_file.ts";
