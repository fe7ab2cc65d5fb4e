// The part of undici the Connect client uses (Pool and its request API), so dist/undici-pool.js skips fetch,
// WebSocket, mocks and caches. Mirrors what undici's index.js does for these names; the extension's esbuild build
// writes it beside the main bundle, which requires it on first use (undici.mjs).
import Dispatcher from "undici/lib/dispatcher/dispatcher.js";
import Pool from "undici/lib/dispatcher/pool.js";
import api from "undici/lib/api/index.js";

Object.assign(Dispatcher.prototype, api);

export { Pool };
