// "Save in 1Password": stores a generated password as a new item through Connect, in the vault the user picks.
import { useEffect, useState } from "react";
import { Action, ActionPanel, Clipboard, Form, Icon, Toast, showToast, useNavigation } from "@raycast/api";
import { buildSecretReference } from "@op-bridge/shared";
import type { ItemDetails, NewItem, WritableItemProvider } from "@op-bridge/shared";
import { describeConnectFailure } from "../api/connect";

export interface SavePasswordValues {
  title: string;
  vault: string;
  username: string;
  url: string;
}

/** A Login when the user gave a username or website, else a Password item; the value is the generated one. */
export function buildPasswordItem(values: SavePasswordValues, password: string): NewItem {
  const username = values.username.trim();
  const url = values.url.trim();
  const passwordField = {
    label: "password",
    type: "CONCEALED",
    purpose: "PASSWORD" as const,
    value: password,
  };
  if (!username && !url) return { title: values.title.trim(), category: "PASSWORD", fields: [passwordField] };
  return {
    title: values.title.trim(),
    category: "LOGIN",
    fields: [
      ...(username
        ? [{ label: "username", type: "STRING", purpose: "USERNAME" as const, value: username }]
        : []),
      passwordField,
    ],
    ...(url ? { urls: [url] } : {}),
  };
}

/** The reference to the saved password field, so scripts can use the new item at once. */
function referenceTo(details: ItemDetails): string | undefined {
  const field = details.fields.find((f) => f.purpose === "PASSWORD");
  if (!field) return undefined;
  const section = details.sections.find((s) => s.id === field.sectionId);
  return buildSecretReference({
    vault: { id: details.summary.vaultId, name: details.summary.vaultName },
    item: { id: details.summary.id, title: details.summary.title },
    ...(section ? { section } : {}),
    field,
  });
}

export function SavePasswordForm({ password, connect }: { password: string; connect: WritableItemProvider }) {
  const { pop } = useNavigation();
  const [vaults, setVaults] = useState<{ id: string; name: string }[]>();
  /** Why no vault can be offered, shown in the form itself (a toast goes away). */
  const [vaultProblem, setVaultProblem] = useState<string>();
  const [titleError, setTitleError] = useState<string>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    connect.listVaults({ signal: controller.signal }).then(
      (found) => {
        if (controller.signal.aborted) return;
        setVaults(found);
        if (found.length === 0) setVaultProblem("The Connect token gives access to no vault to save in.");
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setVaults([]);
        setVaultProblem(`Could not list the Connect vaults: ${describeConnectFailure(error)}`);
        void showToast({
          style: Toast.Style.Failure,
          title: "Could not list the Connect vaults",
          message: describeConnectFailure(error),
        });
      },
    );
    return () => controller.abort();
  }, [connect]);

  const save = async (values: SavePasswordValues) => {
    if (!values.title.trim()) {
      setTitleError("Give the item a title");
      return;
    }
    const vault = vaults?.find((v) => v.id === values.vault);
    if (!vault) {
      await showToast({ style: Toast.Style.Failure, title: "Choose a vault to save the password in" });
      return;
    }
    setSaving(true);
    await showToast({ style: Toast.Style.Animated, title: `Saving in ${vault.name}` });
    try {
      const details = await connect.createItem(vault.id, buildPasswordItem(values, password));
      const reference = referenceTo(details);
      await showToast({
        style: Toast.Style.Success,
        title: `Saved “${details.summary.title}” in ${vault.name}`,
        ...(reference
          ? {
              primaryAction: {
                title: "Copy Secret Reference",
                onAction: () => void Clipboard.copy(reference),
              },
            }
          : {}),
      });
      pop();
    } catch (error) {
      // The password stays on screen: the user can try again or copy it instead.
      await showToast({
        style: Toast.Style.Failure,
        title: "Password not saved",
        message: describeConnectFailure(error),
      });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form
      navigationTitle="Save Password in 1Password"
      isLoading={vaults === undefined || saving}
      actions={
        <ActionPanel>
          <Action.SubmitForm title="Save Password" icon={Icon.SaveDocument} onSubmit={save} />
        </ActionPanel>
      }
    >
      <Form.Description title="Password" text={`${password.length} characters, saved as generated`} />
      {vaultProblem ? <Form.Description title="Vault" text={vaultProblem} /> : null}
      <Form.TextField
        id="title"
        title="Title"
        placeholder="e.g. GitHub"
        error={titleError}
        onChange={() => setTitleError(undefined)}
      />
      <Form.Dropdown id="vault" title="Vault">
        {(vaults ?? []).map((vault) => (
          <Form.Dropdown.Item key={vault.id} value={vault.id} title={vault.name} icon={Icon.Lock} />
        ))}
      </Form.Dropdown>
      <Form.TextField id="username" title="Username" placeholder="Optional: makes it a Login" />
      <Form.TextField id="url" title="Website" placeholder="Optional: https://…" />
    </Form>
  );
}
