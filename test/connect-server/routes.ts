// Every endpoint of the Connect API: checks IDs and the token's vault access, then asks the store.
import type { ActivityLog, ActivityEntry } from "./activity.js";
import { ApiError, badRequest } from "./errors.js";
import { describeFileFor, fileContentReply, findFile, wantsInline } from "./files.js";
import { parseFilter, type AttributeReader } from "./filters.js";
import {
  emptyReply,
  errorReply,
  jsonBodyReply,
  jsonReply,
  textReply,
  CONNECT_VERSION,
  type Reply,
} from "./http.js";
import { isConnectId } from "./ids.js";
import { describeItemSummary, fullItemBody } from "./items.js";
import { describeVault, type ConnectStore } from "./store.js";
import type { StoredItem, StoredVault } from "./types.js";

/** What a token may do: every vault, or only those listed. */
export interface TokenGrant {
  /** Stands for the token in the activity log (a JWT's jti); never the token itself. */
  jti: string;
  vaults?: ReadonlySet<string>;
  /** Reads only: creating, changing or deleting items answers 403. */
  readOnly?: boolean;
}

export interface RequestContext {
  method: string;
  /** Path segments, without empty ones (so a trailing slash, as connect-sdk-js sends, is the same path). */
  segments: string[];
  query: URLSearchParams;
  readBody(): Promise<unknown>;
  grant: TokenGrant;
  userAgent: string;
  requestIp: string;
}

export interface RouteDeps {
  store: ConnectStore;
  activity: ActivityLog;
  maxInlineBytes: number;
}

type Handler = (context: RequestContext, deps: RouteDeps, ids: string[]) => Reply | Promise<Reply>;

const methodNotAllowed = () => errorReply(405, "Method Not Allowed");

/** Routes a /v1 request (already authenticated); answers 404/405 for paths and methods Connect lacks. */
export async function routeApiRequest(context: RequestContext, deps: RouteDeps): Promise<Reply> {
  const [, collection, vaultId, sub, itemId, files, fileId, content, ...rest] = context.segments;
  const handlers = pickHandlers(collection, vaultId, sub, itemId, files, fileId, content, rest.length);
  if (!handlers) return errorReply(404, "Not Found");
  const handler = handlers[context.method];
  if (!handler) return methodNotAllowed();
  const ids = [vaultId, itemId, fileId].filter((id): id is string => id !== undefined);
  try {
    return await handler(context, deps, ids);
  } catch (error) {
    if (error instanceof ApiError) return errorReply(error.status, error.message);
    throw error;
  }
}

function pickHandlers(
  collection?: string,
  vaultId?: string,
  sub?: string,
  itemId?: string,
  files?: string,
  fileId?: string,
  content?: string,
  extra = 0,
): Record<string, Handler> | undefined {
  if (extra > 0) return undefined;
  if (collection === "activity" && vaultId === undefined) return { GET: listActivity };
  if (collection !== "vaults") return undefined;
  if (vaultId === undefined) return { GET: listVaults };
  if (sub === undefined) return { GET: getVault };
  if (sub !== "items") return undefined;
  if (itemId === undefined) return { GET: listItems, POST: createItem };
  if (files === undefined) return { GET: getItem, PUT: replaceItem, PATCH: patchItem, DELETE: deleteItem };
  if (files !== "files") return undefined;
  if (fileId === undefined) return { GET: listFiles };
  if (content === undefined) return { GET: getFile };
  return content === "content" ? { GET: getFileContent } : undefined;
}

const listVaults: Handler = ({ query, grant }, { store }) => {
  let vaults = store.listVaults().filter((vault) => canSee(grant, vault.id));
  const filter = query.get("filter");
  if (filter) {
    // The docs filter vaults by name; connect-sdk-js and the Go SDK send title: both mean the name.
    const matches = parseFilter(filter, ["name", "title"]);
    vaults = vaults.filter((vault) => matches(() => [vault.name]));
  }
  return jsonReply(
    200,
    vaults.map((vault) => describeVault(vault, store.countItems(vault.id))),
  );
};

const getVault: Handler = (context, deps, [vaultId]) => {
  const vault = authorize(context, deps, vaultId!, "READ");
  record(context, deps, "READ", { type: "VAULT", vault: { id: vault.id } });
  return jsonReply(200, describeVault(vault, deps.store.countItems(vault.id)));
};

const listItems: Handler = (context, deps, [vaultId]) => {
  const vault = authorize(context, deps, vaultId!, "READ");
  let items = deps.store.listItems(vault.id);
  const filter = context.query.get("filter");
  if (filter) {
    const matches = parseFilter(filter, ["title", "tag", "tags"]);
    items = items.filter((item) => matches(readItemAttribute(item)));
  }
  record(context, deps, "READ", { type: "VAULT", vault: { id: vault.id } });
  return jsonReply(200, items.map(describeItemSummary));
};

const createItem: Handler = async (context, deps, [vaultId]) => {
  const vault = authorize(context, deps, vaultId!, "CREATE");
  const item = deps.store.createItem(vault.id, await context.readBody());
  recordItem(context, deps, "CREATE", item);
  // Connect answers 200 (not 201) with the whole item.
  return jsonBodyReply(200, fullItemBody(item));
};

const getItem: Handler = (context, deps, [vaultId, itemId]) => {
  const item = findItem(context, deps, vaultId!, itemId!, "READ");
  recordItem(context, deps, "READ", item);
  return jsonBodyReply(200, fullItemBody(item));
};

const replaceItem: Handler = async (context, deps, [vaultId, itemId]) => {
  findItem(context, deps, vaultId!, itemId!, "UPDATE");
  const item = deps.store.replaceItem(vaultId!, itemId!, await context.readBody());
  recordItem(context, deps, "UPDATE", item);
  return jsonBodyReply(200, fullItemBody(item));
};

const patchItem: Handler = async (context, deps, [vaultId, itemId]) => {
  findItem(context, deps, vaultId!, itemId!, "UPDATE");
  const item = deps.store.patchItem(vaultId!, itemId!, (await context.readBody()) ?? []);
  recordItem(context, deps, "UPDATE", item);
  return jsonBodyReply(200, fullItemBody(item));
};

const deleteItem: Handler = (context, deps, [vaultId, itemId]) => {
  findItem(context, deps, vaultId!, itemId!, "DELETE");
  const item = deps.store.deleteItem(vaultId!, itemId!);
  recordItem(context, deps, "DELETE", item);
  return emptyReply(204);
};

const listFiles: Handler = (context, deps, [vaultId, itemId]) => {
  const item = findItem(context, deps, vaultId!, itemId!, "READ");
  const inline = wantsInline(context.query);
  const files = item.files.map((file) => describeFileFor(item, file, inline, deps.maxInlineBytes));
  recordItem(context, deps, "READ", item);
  return jsonReply(200, files);
};

const getFile: Handler = (context, deps, [vaultId, itemId, fileId]) => {
  const item = findItem(context, deps, vaultId!, itemId!, "READ");
  const file = findFile(item, checkId(fileId!, "File"));
  const shown = describeFileFor(item, file, wantsInline(context.query), deps.maxInlineBytes);
  recordItem(context, deps, "READ", item);
  return jsonReply(200, shown);
};

const getFileContent: Handler = (context, deps, [vaultId, itemId, fileId]) => {
  const item = findItem(context, deps, vaultId!, itemId!, "READ");
  const file = findFile(item, checkId(fileId!, "File"));
  recordItem(context, deps, "READ", item);
  return fileContentReply(file);
};

const listActivity: Handler = ({ query }, { activity }) => {
  const limit = readCount(query, "limit", 50);
  const offset = readCount(query, "offset", 0);
  const { entries, contentRange } = activity.page(limit, offset);
  return jsonReply(200, entries, { "content-range": contentRange });
};

/** The endpoints outside /v1, which take no token. */
export function routeRootRequest(
  method: string,
  segments: string[],
  metrics: () => string,
  health: () => unknown,
): Reply {
  if (segments.length !== 1 || !["heartbeat", "health", "metrics"].includes(segments[0]!)) {
    return errorReply(404, "Not Found");
  }
  if (method !== "GET" && method !== "HEAD") return methodNotAllowed();
  if (segments[0] === "heartbeat") return textReply(200, ".");
  if (segments[0] === "health") return jsonReply(200, health());
  return textReply(200, metrics(), "text/plain; version=0.0.4; charset=utf-8");
}

export function describeHealth(): unknown {
  return {
    name: "1Password Connect API",
    version: CONNECT_VERSION,
    dependencies: [
      { service: "sync", status: "ACTIVE" },
      { service: "sqlite", status: "ACTIVE", message: "Connected to the in-memory store" },
    ],
  };
}

function authorize(
  context: RequestContext,
  deps: RouteDeps,
  vaultId: string,
  action: ActivityEntry["action"],
): StoredVault {
  checkId(vaultId, "Vault");
  // A read-only token that writes gets the 403 message real servers are seen to send for a missing vault.
  if (!canSee(context.grant, vaultId) || (context.grant.readOnly && action !== "READ")) {
    record(context, deps, action, { type: "VAULT", vault: { id: vaultId } }, "DENY");
    throw new ApiError(403, `Authorization: token does not have access to vault ${vaultId}`);
  }
  return deps.store.getVault(vaultId);
}

function findItem(
  context: RequestContext,
  deps: RouteDeps,
  vaultId: string,
  itemId: string,
  action: ActivityEntry["action"],
): StoredItem {
  checkId(vaultId, "Vault");
  checkId(itemId, "Item");
  authorize(context, deps, vaultId, action);
  return deps.store.getItem(vaultId, itemId);
}

function checkId(id: string, kind: "Vault" | "Item" | "File"): string {
  if (!isConnectId(id)) throw badRequest(`Invalid ${kind} UUID`);
  return id;
}

const canSee = (grant: TokenGrant, vaultId: string) => !grant.vaults || grant.vaults.has(vaultId);

function readItemAttribute(item: StoredItem): AttributeReader {
  return (attribute) => (attribute === "title" ? [item.title] : item.tags);
}

function readCount(query: URLSearchParams, name: string, fallback: number): number {
  const text = query.get(name);
  if (text === null || text === "") return fallback;
  if (!/^\d+$/.test(text)) throw badRequest(`Invalid ${name}: must be a whole number, 0 or more`);
  return Number(text);
}

function record(
  context: RequestContext,
  deps: RouteDeps,
  action: ActivityEntry["action"],
  resource: ActivityEntry["resource"],
  result: ActivityEntry["result"] = "SUCCESS",
): void {
  deps.activity.record({
    action,
    result,
    jti: context.grant.jti,
    userAgent: context.userAgent,
    requestIp: context.requestIp,
    resource,
  });
}

function recordItem(
  context: RequestContext,
  deps: RouteDeps,
  action: ActivityEntry["action"],
  item: StoredItem,
) {
  record(context, deps, action, {
    type: "ITEM",
    vault: { id: item.vaultId },
    item: { id: item.id },
    itemVersion: item.version,
  });
}
