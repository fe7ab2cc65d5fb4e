// The public surface of the shared library: every export both extensions and the checks rely on.
export type { ItemSummary, ItemSource } from "./types.js";
