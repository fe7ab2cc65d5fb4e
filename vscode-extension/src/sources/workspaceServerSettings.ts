// Finds the Connect server settings a workspace's own files try to set. VS Code drops a machine-scoped value
// from workspace settings before an extension can inspect() it, so the files are the only place to see it.
import * as vscode from "vscode";
import { notice } from "../notice.js";
import { parseJsonc } from "./parseJsonc.js";
import { userOnlySettings } from "./settings.js";

/** A settings file bigger than this is not a settings file anyone wrote by hand: it is skipped, never read whole. */
export const maxSettingsFileBytes = 1024 * 1024;
/** A host longer than this is cut in the notice, so a crafted name cannot fill the screen. */
const maxHostLength = 80;

/** A user-only setting a workspace file sets, and the hosts of the servers it names (never the whole URL). */
export interface WorkspaceServerOverride {
  /** The full setting name, e.g. opBridge.connect.serverUrl. */
  setting: string;
  hosts: string[];
}

/**
 * The user-only settings set in each workspace folder's .vscode/settings.json and in the .code-workspace file's
 * "settings". A missing, huge or malformed file counts as setting nothing; this never throws.
 */
export async function findWorkspaceServerOverrides(): Promise<WorkspaceServerOverride[]> {
  const files = (vscode.workspace.workspaceFolders ?? []).map((folder) =>
    vscode.Uri.joinPath(folder.uri, ".vscode", "settings.json"),
  );
  const settingsObjects = (await Promise.all(files.map(readJsoncObject))).filter(isObject);
  const workspaceFile = vscode.workspace.workspaceFile;
  if (workspaceFile && workspaceFile.scheme !== "untitled") {
    const settings = (await readJsoncObject(workspaceFile))?.settings;
    if (isObject(settings)) settingsObjects.push(settings);
  }
  const overrides: WorkspaceServerOverride[] = [];
  for (const key of userOnlySettings) {
    const setting = `opBridge.${key}`;
    const values = settingsObjects.map((settings) => settingValue(settings, setting));
    if (values.every((value) => value === undefined)) continue;
    overrides.push({ setting, hosts: [...new Set(values.flatMap(serverHosts))] });
  }
  return overrides;
}

/** The file's top-level object (JSON with comments and trailing commas, as VS Code reads it), or undefined. */
async function readJsoncObject(file: vscode.Uri): Promise<Record<string, unknown> | undefined> {
  try {
    const { size, type } = await vscode.workspace.fs.stat(file);
    if (type !== vscode.FileType.File || size > maxSettingsFileBytes) return undefined;
    const bytes = await vscode.workspace.fs.readFile(file);
    const value = parseJsonc(new TextDecoder().decode(bytes));
    return isObject(value) ? value : undefined;
  } catch {
    // No such file, or it cannot be read: it sets nothing.
    return undefined;
  }
}

/** A setting written as one dotted key, or nested ("opBridge": { "connect": { … } }). */
function settingValue(settings: Record<string, unknown>, setting: string): unknown {
  if (setting in settings) return settings[setting];
  let value: unknown = settings;
  for (const part of setting.split(".")) {
    if (!isObject(value)) return undefined;
    value = value[part];
  }
  return value;
}

/** The hosts of the server URLs in a serverUrl string or a servers list; whatever is not a URL names no host. */
function serverHosts(value: unknown): string[] {
  const urls = Array.isArray(value)
    ? value.map((entry) => (isObject(entry) ? entry.serverUrl : undefined))
    : [value];
  return urls.flatMap((url) => {
    if (typeof url !== "string") return [];
    try {
      const { host } = new URL(url.trim());
      return host ? [host.length > maxHostLength ? `${host.slice(0, maxHostLength)}…` : host] : [];
    } catch {
      return [];
    }
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The notice for a workspace that names Connect servers: which setting it is and the hosts it names, both inert. */
export function workspaceOverrideNotice(overrides: WorkspaceServerOverride[]): string | undefined {
  if (overrides.length === 0) return undefined;
  const named = overrides.map(({ setting, hosts }) =>
    hosts.length > 0 ? notice`${setting} (${hosts.join(", ")})` : setting,
  );
  const are = overrides.length > 1 ? "are" : "is";
  return notice`This workspace sets ${named.join(" and ")}, which ${are} ignored: Connect servers come from your user settings only, so a repository cannot choose where your tokens are sent.`;
}
