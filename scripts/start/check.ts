// `npm start -- --check`: asks every part of the running stack whether it answers, and says what did not.
import type { CodeServer } from "../../test/e2e/harness/code-server.js";
import { extensionId } from "../../test/e2e/harness/paths.js";

export interface StackToCheck {
  connect: { url: string; token: string };
  codeServer: CodeServer;
}

export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}

async function check(name: string, probe: () => Promise<string>): Promise<CheckResult> {
  try {
    return { name, ok: true, detail: await probe() };
  } catch (error) {
    return { name, ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}

async function fetchText(url: string, init: RequestInit = {}): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  return { status: response.status, text: await response.text() };
}

export async function checkStack({ connect, codeServer }: StackToCheck): Promise<CheckResult[]> {
  return [
    await check("Connect heartbeat", async () => {
      const { status } = await fetchText(`${connect.url}/heartbeat`);
      if (status !== 200) throw new Error(`GET /heartbeat answered HTTP ${status}`);
      return `${connect.url}/heartbeat answers 200`;
    }),
    await check("Connect authenticated request", async () => {
      const { status, text } = await fetchText(`${connect.url}/v1/vaults`, {
        headers: { authorization: `Bearer ${connect.token}` },
      });
      if (status !== 200) throw new Error(`GET /v1/vaults with the demo token answered HTTP ${status}`);
      const vaults = JSON.parse(text) as unknown[];
      if (!Array.isArray(vaults) || vaults.length === 0) throw new Error("GET /v1/vaults listed no vault");
      const refused = await fetchText(`${connect.url}/v1/vaults`, {
        headers: { authorization: "Bearer wrong" },
      });
      if (refused.status !== 401) throw new Error(`a wrong token got HTTP ${refused.status}, not 401`);
      return `${vaults.length} vaults with the demo token; a wrong token is refused`;
    }),
    await check("VS Code workbench page", async () => {
      const { status, text } = await fetchText(codeServer.workspaceUrl);
      if (status !== 200) throw new Error(`${codeServer.workspaceUrl} answered HTTP ${status}`);
      if (!text.includes("workbench")) throw new Error("the page served is not the VS Code workbench");
      return `${codeServer.url} serves the workbench`;
    }),
    await check("extension installed", async () => {
      const installed = await codeServer.listExtensions();
      if (!installed.includes(extensionId)) {
        throw new Error(
          `code-server --list-extensions shows ${installed.join(", ") || "nothing"}, not ${extensionId}`,
        );
      }
      return `${extensionId} is installed`;
    }),
  ];
}
