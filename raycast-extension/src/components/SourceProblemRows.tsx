// A row per failed 1Password 8 account or service account, above the items the other sources still list:
// what went wrong (locked, app missing, integration off, account name wrong, session ended) and the fix.
import { Action, ActionPanel, Icon, List, openExtensionPreferences } from "@raycast/api";
import { problemTitle, type SourceProblem } from "@op-bridge/shared";

export function SourceProblemRows(props: { problems: SourceProblem[]; onRetry: (sourceId: string) => void }) {
  if (props.problems.length === 0) return null;
  return (
    <List.Section title="Accounts">
      {props.problems.map((problem) => (
        <List.Item
          key={problem.sourceId}
          icon={Icon.Warning}
          title={`${problem.label}: ${problemTitle(problem.kind)}`}
          subtitle={problem.message}
          actions={
            <ActionPanel>
              <Action
                title="Retry"
                icon={Icon.ArrowClockwise}
                onAction={() => props.onRetry(problem.sourceId)}
              />
              <Action
                title="Open Extension Preferences"
                icon={Icon.Gear}
                onAction={openExtensionPreferences}
              />
            </ActionPanel>
          }
        />
      ))}
    </List.Section>
  );
}
