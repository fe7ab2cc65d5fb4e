// "Generate Password": the shown password is what gets copied, pasted, or saved as an item on a loopback Connect server.
import { act, type ReactTestInstance, type ReactTestRenderer } from "react-test-renderer";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import GeneratePassword from "../../raycast-extension/src/generate-password";
import { isComponent } from "./helpers/components";
import { startTestConnect, type TestConnect } from "./helpers/connect";
import { byType, renderCommand, renderPart, until, unmount } from "./helpers/render";
import { commonShortcuts, recorder } from "./stand-in/raycast-api";

const VAULT = { id: "vaultpersonal0000000000000", name: "Personal" };
const WORK = { id: "vaultwork00000000000000000", name: "Work" };
let server: TestConnect;
let renderer: ReactTestRenderer | undefined;

beforeAll(async () => {
  server = await startTestConnect({
    vaults: [
      { ...VAULT, items: [] },
      { ...WORK, items: [] },
    ],
  });
});
afterAll(async () => server.close());
afterEach(async () => {
  await unmount(renderer);
  renderer = undefined;
  server.setFaults({});
});

const connectPrefs = () => ({ connectUrl: server.url, connectToken: server.token });
const shown = (r: ReactTestRenderer) => byType(r, "List.Item")[0] as ReactTestInstance;
const actions = (r: ReactTestRenderer) =>
  renderPart(shown(r).props.actions).root.findAll((n) => typeof n.props.title === "string");
const action = (r: ReactTestRenderer, title: string) => {
  const found = actions(r).find((a) => a.props.title === title);
  if (!found) throw new Error(`no action ${title}`);
  return found;
};

async function choose(r: ReactTestRenderer, recipe: string) {
  const accessory = renderPart(byType(r, "List")[0]?.props.searchBarAccessory);
  await act(async () => accessory.root.find((n) => isComponent(n, "List.Dropdown")).props.onChange(recipe));
}

/** Pushes the Save form and waits until it lists the server's vaults. */
async function openSaveForm(r: ReactTestRenderer) {
  const form = renderPart(action(r, "Save in 1Password").props.target);
  await until(
    () =>
      form.root.findAll((n) => isComponent(n, "Form.Dropdown.Item")).length > 0 || recorder.toasts.length > 0,
    "vaults in the form",
  );
  const panel = renderPart(form.root.find((n) => isComponent(n, "Form")).props.actions);
  const submit = panel.root.find((n) => isComponent(n, "Action.SubmitForm"));
  return { form, submit: (values: Record<string, string>) => act(async () => submit.props.onSubmit(values)) };
}

describe("Generate Password", () => {
  it("pastes exactly the password it shows, in the chosen character set", async () => {
    renderer = await renderCommand(<GeneratePassword />);
    await choose(renderer, "16:letters");
    const password = String(shown(renderer).props.title);
    expect(password).toMatch(/^[A-Za-z]{16}$/);
    const paste = action(renderer, "Paste Password");
    await act(async () => paste.props.onAction());
    expect(recorder.pasted).toEqual([password]);
    expect(recorder.clipboard).toEqual([]);
  });

  it("offers no Save action when no Connect server is configured", async () => {
    renderer = await renderCommand(<GeneratePassword />);
    expect(actions(renderer).map((a) => a.props.title)).not.toContain("Save in 1Password");
  });

  it("saves the shown password as a Login through Connect and offers its secret reference", async () => {
    renderer = await renderCommand(<GeneratePassword />, connectPrefs());
    await choose(renderer, "24:letters-digits");
    const password = String(shown(renderer).props.title);
    expect(action(renderer, "Save in 1Password").props.shortcut).toEqual(commonShortcuts.Save);
    const { form, submit } = await openSaveForm(renderer);
    expect(form.root.findAll((n) => isComponent(n, "Form.Dropdown.Item")).map((n) => n.props.title)).toEqual([
      "Personal",
      "Work",
    ]);
    await submit({
      title: "New Site",
      vault: WORK.id,
      username: "me@example.com",
      url: "https://new.example",
    });
    await until(() => recorder.toasts.some((t) => t.style === "SUCCESS"), "saved toast");

    // What the server stored: a Login with the shown password, the username and the website.
    const [stored] = server.createdItems();
    expect(stored).toMatchObject({
      title: "New Site",
      category: "LOGIN",
      vault: { id: WORK.id },
      urls: [{ href: "https://new.example", primary: true }],
    });
    const fields = (stored?.fields ?? []) as { purpose?: string; type: string; value?: string }[];
    expect(fields.map((f) => [f.purpose, f.type, f.value])).toEqual([
      ["USERNAME", "STRING", "me@example.com"],
      ["PASSWORD", "CONCEALED", password],
    ]);
    expect(server.requests()).toContain(`POST /v1/vaults/${WORK.id}/items`);
    const toast = recorder.toasts.find((t) => t.style === "SUCCESS");
    expect(toast?.title).toBe("Saved “New Site” in Work");
    expect(recorder.popped).toBe(1);
    // The saved item is usable from scripts at once: its reference, not the value, is offered.
    await act(async () => toast?.primaryAction?.onAction?.(undefined as never));
    expect(recorder.clipboard).toEqual([{ content: "op://Work/New Site/password", concealed: false }]);
    expect(JSON.stringify(recorder.toasts)).not.toContain(password);
  });

  it("saves a Password item when neither username nor website is given", async () => {
    renderer = await renderCommand(<GeneratePassword />, connectPrefs());
    const password = String(shown(renderer).props.title);
    const { submit } = await openSaveForm(renderer);
    const before = server.createdItems().length;
    await submit({ title: "Wi-Fi", vault: VAULT.id, username: "  ", url: "" });
    await until(() => server.createdItems().length > before, "item created");
    const stored = server.createdItems().at(-1);
    expect(stored).toMatchObject({ title: "Wi-Fi", category: "PASSWORD", vault: { id: VAULT.id } });
    expect(stored?.urls ?? []).toEqual([]);
    const fields = (stored?.fields ?? []) as { purpose?: string; type: string; value?: string }[];
    expect(fields.map((f) => [f.purpose, f.type, f.value])).toEqual([["PASSWORD", "CONCEALED", password]]);
  });

  it("asks for a title and sends nothing when it is empty", async () => {
    renderer = await renderCommand(<GeneratePassword />, connectPrefs());
    const { form, submit } = await openSaveForm(renderer);
    const before = server.requests().length;
    await submit({ title: "   ", vault: VAULT.id, username: "", url: "" });
    const title = form.root.find((n) => isComponent(n, "Form.TextField") && n.props.id === "title");
    expect(title.props.error).toBe("Give the item a title");
    expect(server.requests().slice(before)).toEqual([]);
    expect(recorder.popped).toBe(0);
  });

  it("says why the server failed, keeps the form open and never shows the token", async () => {
    renderer = await renderCommand(<GeneratePassword />, connectPrefs());
    const { submit } = await openSaveForm(renderer);
    server.setFaults({ serverErrors: { count: 5, status: 500 }, only: { method: "POST" } });
    await submit({ title: "Blocked", vault: VAULT.id, username: "", url: "" });
    await until(() => recorder.toasts.some((t) => t.style === "FAILURE"), "failure toast");
    const failure = recorder.toasts.find((t) => t.style === "FAILURE");
    expect(failure?.title).toBe("Password not saved");
    expect(String(failure?.message)).toMatch(/500|Internal Server Error/);
    expect(server.createdItems().map((i) => i.title)).not.toContain("Blocked");
    expect(recorder.popped).toBe(0);
    expect(JSON.stringify(recorder.toasts)).not.toContain(server.token);
  });

  it("reports a rejected token when listing vaults for the form", async () => {
    renderer = await renderCommand(<GeneratePassword />, { connectUrl: server.url, connectToken: "wrong" });
    const { form } = await openSaveForm(renderer);
    const failure = recorder.toasts.find((t) => t.style === "FAILURE");
    expect(failure?.title).toBe("Could not list the Connect vaults");
    expect(String(failure?.message)).toMatch(/rejected/);
    // The form itself says why its vault list is empty, after the toast has gone.
    const notes = form.root
      .findAll((n) => isComponent(n, "Form.Description"))
      .map((n) => String(n.props.text));
    expect(notes.some((text) => /^Could not list the Connect vaults: .*rejected/.test(text))).toBe(true);
  });
});
