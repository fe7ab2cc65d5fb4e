// The part of undici the Connect client uses (Pool and its request API), so the bundle skips fetch, WebSocket, mocks
// and caches. Loaded on the first Pool made, not at activation: undici's modules take longer to start than all of
// the extension's own code. Mirrors what undici's index.js does for these names; only the extension's esbuild build
// uses this file (esbuild bundles each require() below and runs it only when called).
/* global require */
/* eslint-disable @typescript-eslint/no-require-imports -- a require() is what esbuild runs lazily; an import would run at load */

let loaded;

function loadPool() {
  if (!loaded) {
    const Dispatcher = require("undici/lib/dispatcher/dispatcher.js");
    Object.assign(Dispatcher.prototype, require("undici/lib/api/index.js"));
    loaded = require("undici/lib/dispatcher/pool.js");
  }
  return loaded;
}

/** `new Pool(origin, options)` makes undici's Pool, loading undici the first time. */
export function Pool(origin, options) {
  const UndiciPool = loadPool();
  return new UndiciPool(origin, options);
}
