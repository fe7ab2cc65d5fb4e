// The /metrics answer: the server's counters in the Prometheus text exposition format.
import type { ServerStats } from "./server.js";

export function formatMetrics(stats: ServerStats, extra: { vaults: number; items: number }): string {
  const lines: string[] = [];
  const metric = (name: string, type: string, help: string, samples: [string, number][]) => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [labels, value] of samples) lines.push(`${name}${labels} ${value}`);
  };
  metric(
    "connect_http_requests_total",
    "counter",
    "Requests received, by method.",
    Object.entries(stats.requestsByMethod).map(([method, n]) => [`{method="${method}"}`, n]),
  );
  metric(
    "connect_http_responses_total",
    "counter",
    "Responses sent, by status code.",
    Object.entries(stats.responsesByStatus).map(([code, n]) => [`{code="${code}"}`, n]),
  );
  metric("connect_open_connections", "gauge", "Connections open now.", [["", stats.openConnections]]);
  metric("connect_connections_total", "counter", "Connections accepted.", [["", stats.connectionsTotal]]);
  metric("connect_injected_faults_total", "counter", "Faults injected, by kind.", [
    ['{kind="too_many_requests"}', stats.faultsInjected.tooManyRequests],
    ['{kind="server_error"}', stats.faultsInjected.serverErrors],
    ['{kind="dropped_connection"}', stats.faultsInjected.droppedConnections],
  ]);
  metric("connect_vaults", "gauge", "Vaults in the store.", [["", extra.vaults]]);
  metric("connect_items", "gauge", "Items in the store.", [["", extra.items]]);
  metric("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.", [
    ["", process.memoryUsage().rss],
  ]);
  return lines.join("\n") + "\n";
}
