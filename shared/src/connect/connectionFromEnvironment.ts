// Reads a Connect server and token from OP_CONNECT_HOST / OP_CONNECT_TOKEN, as 1Password's own tools do.

export function connectionFromEnvironment(
  env: Record<string, string | undefined> = process.env,
): { serverUrl: string; token: string } | undefined {
  const host = env.OP_CONNECT_HOST?.trim();
  const token = env.OP_CONNECT_TOKEN?.trim();
  if (!host || !token) return undefined;
  // "localhost:8080" is common in deployment guides; a URL needs a scheme.
  const serverUrl = /^[a-z][a-z\d+.-]*:\/\//i.test(host) ? host : `http://${host}`;
  return { serverUrl, token };
}
