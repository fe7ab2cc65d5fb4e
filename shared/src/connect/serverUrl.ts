// Checks a Connect server URL once, when a client is created: scheme, credentials, and clear-text http.
import { isIP } from "node:net";
import { ConnectConfigError } from "./errors.js";

export interface ParsedServerUrl {
  /** scheme://host:port */
  origin: string;
  /** A path prefix (reverse proxies), without a trailing slash; "" for most servers. */
  basePath: string;
  /** origin + basePath: how messages name the server. */
  display: string;
  host: string;
}

/** True for localhost and the loopback addresses: only there may the token travel over plain http. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  if (isIP(host) === 6) return host === "::1" || host === "0:0:0:0:0:0:0:1";
  return false;
}

export function parseServerUrl(serverUrl: string, allowInsecureHttp = false): ParsedServerUrl {
  let url: URL;
  try {
    url = new URL(String(serverUrl).trim());
  } catch {
    // The value is not repeated: a token pasted into this field would end up in a message and a log.
    throw new ConnectConfigError(
      "The Connect server URL is not a URL: give the Connect server's address, e.g. http://localhost:8080 (the token goes where the token is asked for).",
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    // Only a short scheme is named: anything before a colon could be a pasted secret.
    const scheme = /^[a-z][a-z0-9+.-]{0,11}:$/.test(url.protocol) ? ` (got ${url.protocol})` : "";
    throw new ConnectConfigError(`The Connect server URL must start with https:// or http://${scheme}.`);
  }
  if (url.username || url.password) {
    throw new ConnectConfigError("The Connect server URL must not contain a user name or password.");
  }
  if (url.search || url.hash) {
    throw new ConnectConfigError("The Connect server URL must not contain a query or fragment.");
  }
  if (url.protocol === "http:" && !allowInsecureHttp && !isLoopbackHost(url.hostname)) {
    throw new ConnectConfigError(
      `${url.origin} uses plain http:// to another machine, so the Connect token would travel in clear text: ` +
        "use https://, or allow insecure http explicitly (allowInsecureHttp) if the network is trusted.",
    );
  }
  // The spec's server URL ends in /v1; people paste it that way.
  const basePath = url.pathname.replace(/\/+$/, "").replace(/\/v1$/, "");
  return { origin: url.origin, basePath, display: url.origin + basePath, host: url.host };
}
