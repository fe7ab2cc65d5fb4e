// The part of undici the Connect client uses (Pool and its request API), so the bundle skips fetch, WebSocket, mocks and caches.
// Mirrors what undici's index.js does for these names; only the extension's esbuild build uses this file.
import Dispatcher from "undici/lib/dispatcher/dispatcher.js";
import Pool from "undici/lib/dispatcher/pool.js";
import api from "undici/lib/api/index.js";
import errors from "undici/lib/core/errors.js";

Object.assign(Dispatcher.prototype, api);

export { Dispatcher, Pool, errors };
