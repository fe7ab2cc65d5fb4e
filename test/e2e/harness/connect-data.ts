// Reads a Connect server's vaults and full items over its REST API, so specs and npm start derive names from the seed.
export interface ConnectVault {
  id: string;
  name: string;
}

export interface ConnectField {
  id: string;
  label?: string;
  type?: string;
  purpose?: string;
  value?: string;
  section?: { id: string };
}

export interface ConnectItem {
  id: string;
  title: string;
  category?: string;
  vault: { id: string };
  fields?: ConnectField[];
  sections?: { id: string; label?: string }[];
}

async function getJson<T>(serverUrl: string, path: string, token: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(`${serverUrl}${path}`, {
    headers: { authorization: `Bearer ${token}` },
    signal,
  });
  if (!response.ok) throw new Error(`GET ${path} answered HTTP ${response.status}`);
  return (await response.json()) as T;
}

export function listVaults(serverUrl: string, token: string, signal?: AbortSignal): Promise<ConnectVault[]> {
  return getJson(serverUrl, "/v1/vaults", token, signal);
}

/** Item summaries of a vault (no fields). */
export function listItems(
  serverUrl: string,
  token: string,
  vaultId: string,
  signal?: AbortSignal,
): Promise<ConnectItem[]> {
  return getJson(serverUrl, `/v1/vaults/${vaultId}/items`, token, signal);
}

export function getItem(
  serverUrl: string,
  token: string,
  vaultId: string,
  itemId: string,
  signal?: AbortSignal,
): Promise<ConnectItem> {
  return getJson(serverUrl, `/v1/vaults/${vaultId}/items/${itemId}`, token, signal);
}

/** The item's password field (by purpose, else by a secret-like label), if it has one. */
export function findPasswordField(item: ConnectItem): ConnectField | undefined {
  return (
    item.fields?.find((f) => f.purpose === "PASSWORD") ??
    item.fields?.find((f) => /password|token|key|secret|credential/i.test(f.label ?? ""))
  );
}

export interface ItemWithPassword {
  vault: ConnectVault;
  item: ConnectItem;
  field: ConnectField;
}

/** Up to `count` items that have a password field, at most one per vault first so several vaults show. */
export async function findItemsWithPasswords(
  serverUrl: string,
  token: string,
  { count, signal }: { count: number; signal?: AbortSignal },
): Promise<ItemWithPassword[]> {
  const found: ItemWithPassword[] = [];
  for (const vault of await listVaults(serverUrl, token, signal)) {
    for (const summary of (await listItems(serverUrl, token, vault.id, signal)).slice(0, 10)) {
      const item = await getItem(serverUrl, token, vault.id, summary.id, signal);
      const field = findPasswordField(item);
      if (field === undefined) continue;
      found.push({ vault, item, field });
      break;
    }
    if (found.length >= count) break;
  }
  return found;
}
