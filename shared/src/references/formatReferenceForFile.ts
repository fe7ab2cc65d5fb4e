// Writes a reference the way the file it goes into needs it: bare, double- or single-quoted.
import { basename } from "node:path";

export interface FormatReferenceOptions {
  /** The editor's language ID: dotenv, yaml, json, jsonc, shellscript, … */
  languageId?: string;
  fileName?: string;
}

type FileKind = "dotenv" | "yaml" | "json" | "shell" | "other";

/**
 * The reference as it should be inserted into a file of that kind:
 * - .env: bare, double-quoted only when it contains spaces or `#` (which would start a comment);
 * - YAML: bare (a plain scalar) unless it starts or ends with a space, or holds `: ` or ` #`;
 * - JSON: always a JSON string;
 * - shell scripts: single-quoted whenever it holds anything but safe characters (`?` globs, `&` forks);
 * - anything else: bare, since it usually goes inside a string the user is already writing.
 */
export function formatReferenceForFile(reference: string, options: FormatReferenceOptions = {}): string {
  switch (detectKind(options)) {
    case "dotenv":
      return /[\s#"'`$\\]/.test(reference) ? `"${reference.replace(/(["\\$`])/g, "\\$1")}"` : reference;
    case "yaml":
      return /^\s|\s$|: | #|^[-?:,[\]{}#&*!|>'"%@`]/.test(reference) ? JSON.stringify(reference) : reference;
    case "json":
      return JSON.stringify(reference);
    case "shell":
      return /^[A-Za-z0-9_./:=@%+,-]+$/.test(reference) ? reference : `'${reference.replace(/'/g, "'\\''")}'`;
    default:
      return reference;
  }
}

function detectKind({ languageId, fileName }: FormatReferenceOptions): FileKind {
  switch (languageId?.toLowerCase()) {
    case "dotenv":
    case "env":
      return "dotenv";
    case "yaml":
    case "yml":
    case "dockercompose":
      return "yaml";
    case "json":
    case "jsonc":
    case "json5":
      return "json";
    case "shellscript":
    case "shell":
    case "bash":
    case "sh":
    case "zsh":
      return "shell";
  }
  if (!fileName) return "other";
  const name = basename(fileName).toLowerCase();
  if (name === ".env" || name.startsWith(".env.") || name.endsWith(".env")) return "dotenv";
  if (name.endsWith(".yaml") || name.endsWith(".yml")) return "yaml";
  if (name.endsWith(".json") || name.endsWith(".jsonc")) return "json";
  if (/\.(sh|bash|zsh)$/.test(name) || name === ".envrc" || name === ".bashrc" || name === ".zshrc") {
    return "shell";
  }
  return "other";
}
