// The configured sources for a command that needs at least one, or an error that says how to get one.
import type { Source, SourceRegistry } from "../sources/SourceRegistry.js";

/**
 * Every configured source; none is an error that names what is wrong with the settings (a server
 * without a stored token, a URL that cannot be used) or, when nothing is configured, what to run.
 */
export async function requireSources(registry: SourceRegistry): Promise<Source[]> {
  const sources = await registry.sources();
  if (sources.length > 0) return sources;
  const issues = await registry.setupIssues();
  if (issues.length > 0) {
    throw new Error(
      `No 1Password source can be used: ${issues.map((issue) => `${issue.label}: ${issue.message}`).join(" ")}`,
    );
  }
  throw new Error(
    'No 1Password source is configured: run "1Password: Connect to Server…" or "1Password: Sign In…" first.',
  );
}
