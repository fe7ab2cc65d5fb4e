// A typed client for every endpoint of the 1Password Connect API, over one keep-alive undici dispatcher.
import { setMaxListeners } from "node:events";
import { fileNameFromContentDisposition } from "./contentDisposition.js";
import { ConnectConfigError, ConnectHttpError } from "./errors.js";
import { checkFilter } from "./filters.js";
import { assertConnectId } from "./ids.js";
import { createLimiter } from "./runLimited.js";
import { readWhole } from "./streamBody.js";
import { ConnectTransport, type TransportOptions, header } from "./transport.js";
import type {
  APIRequest,
  File,
  FullItem,
  Item,
  ItemInput,
  PatchOperation,
  ServerHealth,
  Vault,
} from "./types.js";

export type ConnectClientOptions = TransportOptions;

export interface CallOptions {
  signal?: AbortSignal;
}

export interface FileContent {
  /** From Content-Disposition; the file ID when the server names none. */
  name: string;
  contentType: string;
  /** Content-Length, when sent. */
  size: number | undefined;
  /** The content as it arrives; read it, or cancel it, so the connection is freed. */
  body: ReadableStream<Uint8Array>;
  /** Reads the whole content. */
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface ActivityPage {
  activity: APIRequest[];
  /** The collection's size, from `Content-Range: 1-50/1134`; undefined when the server sends none. */
  total: number | undefined;
}

export interface ConnectClient {
  /** The server as messages name it (origin plus any path prefix). */
  readonly serverUrl: string;
  /** The `1Password-Connect-Version` header of the latest response. */
  readonly serverVersion: string | undefined;
  listVaults(options?: CallOptions & { filter?: string }): Promise<Vault[]>;
  getVault(vaultId: string, options?: CallOptions): Promise<Vault>;
  listItems(vaultId: string, options?: CallOptions & { filter?: string }): Promise<Item[]>;
  getItem(vaultId: string, itemId: string, options?: CallOptions): Promise<FullItem>;
  createItem(vaultId: string, item: ItemInput, options?: CallOptions): Promise<FullItem>;
  replaceItem(vaultId: string, itemId: string, item: ItemInput, options?: CallOptions): Promise<FullItem>;
  deleteItem(vaultId: string, itemId: string, options?: CallOptions): Promise<void>;
  patchItem(
    vaultId: string,
    itemId: string,
    operations: PatchOperation[],
    options?: CallOptions,
  ): Promise<FullItem>;
  listFiles(
    vaultId: string,
    itemId: string,
    options?: CallOptions & { inlineContent?: boolean },
  ): Promise<File[]>;
  getFile(
    vaultId: string,
    itemId: string,
    fileId: string,
    options?: CallOptions & { inlineContent?: boolean },
  ): Promise<File>;
  getFileContent(
    vaultId: string,
    itemId: string,
    fileId: string,
    options?: CallOptions,
  ): Promise<FileContent>;
  listActivity(options?: CallOptions & { limit?: number; offset?: number }): Promise<ActivityPage>;
  /** Answers the server's liveness text ("."). */
  heartbeat(options?: CallOptions): Promise<string>;
  health(options?: CallOptions): Promise<ServerHealth>;
  /** Prometheus text. */
  metrics(options?: CallOptions): Promise<string>;
  /**
   * Full items (fields, sections) of one vault, or of every vault when none is given, fetched with
   * at most `concurrency` requests in flight (default: the client's `connections`, 64 unless set)
   * over the pooled connections. Items deleted between listing and fetching are left out.
   */
  getItems(vaultId?: string, options?: CallOptions & { concurrency?: number }): Promise<FullItem[]>;
  /** Closes the client's own connections (not a dispatcher passed in). */
  close(): Promise<void>;
}

export function createConnectClient(options: ConnectClientOptions): ConnectClient {
  return new HttpConnectClient(options);
}

const itemPath = (vaultId: string, itemId: string) =>
  `/vaults/${assertConnectId(vaultId, "vault")}/items/${assertConnectId(itemId, "item")}`;

class HttpConnectClient implements ConnectClient {
  readonly #transport: ConnectTransport;

  constructor(options: ConnectClientOptions) {
    this.#transport = new ConnectTransport(options);
  }

  get serverUrl(): string {
    return this.#transport.server.display;
  }

  get serverVersion(): string | undefined {
    return this.#transport.serverVersion;
  }

  toString(): string {
    return `ConnectClient(${this.serverUrl})`;
  }

  toJSON(): { serverUrl: string } {
    return { serverUrl: this.serverUrl };
  }

  async listVaults({ filter, signal }: CallOptions & { filter?: string } = {}): Promise<Vault[]> {
    const query = new URLSearchParams();
    if (filter !== undefined) query.set("filter", checkFilter(filter));
    return (await this.#transport.json<Vault[]>("GET", "/vaults", { query, signal })).data;
  }

  async getVault(vaultId: string, { signal }: CallOptions = {}): Promise<Vault> {
    const path = `/vaults/${assertConnectId(vaultId, "vault")}`;
    return (await this.#transport.json<Vault>("GET", path, { signal, ids: { vaultId } })).data;
  }

  async listItems(
    vaultId: string,
    { filter, signal }: CallOptions & { filter?: string } = {},
  ): Promise<Item[]> {
    const path = `/vaults/${assertConnectId(vaultId, "vault")}/items`;
    const query = new URLSearchParams();
    if (filter !== undefined) query.set("filter", checkFilter(filter));
    return (await this.#transport.json<Item[]>("GET", path, { query, signal, ids: { vaultId } })).data;
  }

  async getItem(vaultId: string, itemId: string, { signal }: CallOptions = {}): Promise<FullItem> {
    const path = itemPath(vaultId, itemId);
    return (await this.#transport.json<FullItem>("GET", path, { signal, ids: { vaultId, itemId } })).data;
  }

  async createItem(vaultId: string, item: ItemInput, { signal }: CallOptions = {}): Promise<FullItem> {
    const path = `/vaults/${assertConnectId(vaultId, "vault")}/items`;
    const body = withVault(item, vaultId);
    if (item.category === "CUSTOM" || item.category === "DOCUMENT") {
      throw new ConnectConfigError(`Connect cannot create items of the category ${item.category}.`);
    }
    return (await this.#transport.json<FullItem>("POST", path, { body, signal, ids: { vaultId } })).data;
  }

  async replaceItem(
    vaultId: string,
    itemId: string,
    item: ItemInput,
    { signal }: CallOptions = {},
  ): Promise<FullItem> {
    const path = itemPath(vaultId, itemId);
    if (item.id !== undefined && item.id !== itemId) {
      throw new ConnectConfigError(`The item to replace has the ID ${item.id}, not ${itemId}.`);
    }
    const body = { ...withVault(item, vaultId), id: itemId };
    return (await this.#transport.json<FullItem>("PUT", path, { body, signal, ids: { vaultId, itemId } }))
      .data;
  }

  async deleteItem(vaultId: string, itemId: string, { signal }: CallOptions = {}): Promise<void> {
    await this.#transport.json<void>("DELETE", itemPath(vaultId, itemId), {
      signal,
      ids: { vaultId, itemId },
    });
  }

  async patchItem(
    vaultId: string,
    itemId: string,
    operations: PatchOperation[],
    { signal }: CallOptions = {},
  ): Promise<FullItem> {
    const path = itemPath(vaultId, itemId);
    for (const operation of operations) {
      if (!["add", "remove", "replace"].includes(operation.op) || typeof operation.path !== "string") {
        throw new ConnectConfigError(
          `Connect takes only add, remove and replace operations with a path (got ${JSON.stringify(operation.op)}).`,
        );
      }
    }
    return (
      await this.#transport.json<FullItem>("PATCH", path, {
        body: operations,
        signal,
        ids: { vaultId, itemId },
      })
    ).data;
  }

  async listFiles(
    vaultId: string,
    itemId: string,
    { inlineContent, signal }: CallOptions & { inlineContent?: boolean } = {},
  ): Promise<File[]> {
    const path = `${itemPath(vaultId, itemId)}/files`;
    const query = inlineQuery(inlineContent);
    return (await this.#transport.json<File[]>("GET", path, { query, signal, ids: { vaultId, itemId } }))
      .data;
  }

  async getFile(
    vaultId: string,
    itemId: string,
    fileId: string,
    { inlineContent, signal }: CallOptions & { inlineContent?: boolean } = {},
  ): Promise<File> {
    const path = `${itemPath(vaultId, itemId)}/files/${assertConnectId(fileId, "file")}`;
    const query = inlineQuery(inlineContent);
    const ids = { vaultId, itemId, fileId };
    return (await this.#transport.json<File>("GET", path, { query, signal, ids })).data;
  }

  async getFileContent(
    vaultId: string,
    itemId: string,
    fileId: string,
    { signal }: CallOptions = {},
  ): Promise<FileContent> {
    const path = `${itemPath(vaultId, itemId)}/files/${assertConnectId(fileId, "file")}/content`;
    const response = await this.#transport.stream("GET", path, { signal, ids: { vaultId, itemId, fileId } });
    const length = Number(header(response.headers, "content-length"));
    const { body } = response;
    return {
      name: fileNameFromContentDisposition(header(response.headers, "content-disposition")) ?? fileId,
      contentType: header(response.headers, "content-type") ?? "application/octet-stream",
      size:
        Number.isFinite(length) && header(response.headers, "content-length") !== undefined
          ? length
          : undefined,
      body,
      arrayBuffer: () => readWhole(body),
    };
  }

  async listActivity({
    limit,
    offset,
    signal,
  }: CallOptions & { limit?: number; offset?: number } = {}): Promise<ActivityPage> {
    const query = new URLSearchParams();
    for (const [name, value] of [
      ["limit", limit],
      ["offset", offset],
    ] as const) {
      if (value === undefined) continue;
      if (!Number.isInteger(value) || value < 0)
        throw new ConnectConfigError(`${name} must be a whole number, 0 or more.`);
      query.set(name, String(value));
    }
    const { data, headers } = await this.#transport.json<APIRequest[]>("GET", "/activity", { query, signal });
    const total = /\/(\d+)\s*$/.exec(header(headers, "content-range") ?? "")?.[1];
    return { activity: data ?? [], total: total === undefined ? undefined : Number(total) };
  }

  heartbeat({ signal }: CallOptions = {}): Promise<string> {
    return this.#transport.text("GET", "/heartbeat", { signal, root: true });
  }

  async health({ signal }: CallOptions = {}): Promise<ServerHealth> {
    return (await this.#transport.json<ServerHealth>("GET", "/health", { signal, root: true })).data;
  }

  metrics({ signal }: CallOptions = {}): Promise<string> {
    return this.#transport.text("GET", "/metrics", { signal, root: true });
  }

  async getItems(
    vaultId?: string,
    options: CallOptions & { concurrency?: number } = {},
  ): Promise<FullItem[]> {
    const concurrency = options.concurrency ?? this.#transport.connections;
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new ConnectConfigError("concurrency must be a whole number, 1 or more.");
    }
    if (vaultId !== undefined) assertConnectId(vaultId, "vault");
    // One failure stops the rest: their requests are aborted rather than left running.
    const stop = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
    // Every request in flight listens to this one signal.
    setMaxListeners(0, signal);
    const limit = createLimiter(concurrency);
    const fetchItem = async (summary: Item): Promise<FullItem | undefined> => {
      try {
        return await limit(() => this.getItem(summary.vault.id, summary.id, { signal }));
      } catch (error) {
        if (error instanceof ConnectHttpError && error.status === 404) return undefined;
        throw error;
      }
    };
    const loadVault = async (id: string): Promise<(FullItem | undefined)[]> => {
      const summaries = await limit(() => this.listItems(id, { signal }));
      return Promise.all(summaries.map(fetchItem));
    };
    try {
      const vaultIds =
        vaultId !== undefined ? [vaultId] : (await this.listVaults({ signal })).map((v) => v.id);
      const lists = await Promise.all(vaultIds.map(loadVault));
      return lists.flat().filter((item): item is FullItem => item !== undefined);
    } catch (error) {
      stop.abort();
      if (options.signal?.aborted) throw options.signal.reason;
      throw error;
    }
  }

  close(): Promise<void> {
    return this.#transport.close();
  }
}

function withVault(item: ItemInput, vaultId: string): ItemInput & { vault: { id: string } } {
  if (item.vault?.id !== undefined && item.vault.id !== vaultId) {
    throw new ConnectConfigError(
      `The item names the vault ${item.vault.id}, but is sent to vault ${vaultId}.`,
    );
  }
  return { ...item, vault: { id: vaultId } };
}

function inlineQuery(inlineContent: boolean | undefined): URLSearchParams {
  // The spec and real servers use inline_files; the docs page says inline_content.
  const query = new URLSearchParams();
  if (inlineContent) query.set("inline_files", "true");
  return query;
}
