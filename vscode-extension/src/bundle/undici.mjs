// Stands in for undici in the extension's main bundle: the Pool the Connect client makes, loaded from its own
// file (dist/undici-pool.js, from undici-pool.mjs) with the first Pool. undici is most of the extension's code, and
// VS Code compiles a bundle whole when it requires it: kept apart, it costs nothing until a Connect server is used.
/* global require */
/* eslint-disable @typescript-eslint/no-require-imports -- required on first use, from the file beside the bundle */

let UndiciPool;

/** `new Pool(origin, options)` makes undici's Pool, loading undici the first time. */
export function Pool(origin, options) {
  UndiciPool ??= require("./undici-pool.js").Pool;
  return new UndiciPool(origin, options);
}
