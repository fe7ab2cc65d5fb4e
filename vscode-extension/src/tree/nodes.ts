// The tree's node classes: source → vault → item → section → field; contextValue drives the menus.
import type { ItemDetails, ItemField, ItemSection, ItemSummary } from "@op-bridge/shared";
import * as vscode from "vscode";
import type { Source } from "../sources/SourceRegistry.js";
import { describeFieldType } from "../editor/fieldTypeNames.js";

export class SourceNode extends vscode.TreeItem {
  readonly parent = undefined;
  constructor(readonly source: Source) {
    super(source.label, vscode.TreeItemCollapsibleState.Expanded);
    this.id = `source:${source.id}`;
    this.contextValue = `source.${source.kind}`;
    this.description = source.kind === "connect" ? "Connect" : "SDK";
    this.iconPath = new vscode.ThemeIcon(source.kind === "connect" ? "server" : "account");
  }
}

export class VaultNode extends vscode.TreeItem {
  constructor(
    readonly source: Source,
    readonly vault: { id: string; name: string },
    readonly parent: SourceNode | undefined,
  ) {
    super(vault.name, vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `vault:${source.id}/${vault.id}`;
    this.contextValue = "vault";
    this.iconPath = new vscode.ThemeIcon("archive");
  }
}

export class ItemNode extends vscode.TreeItem {
  constructor(
    readonly source: Source,
    readonly item: ItemSummary,
    readonly parent: VaultNode,
  ) {
    super(item.title || "(untitled)", vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `item:${source.id}/${item.vaultId}/${item.id}`;
    this.contextValue = source.sharing ? "item.shareable" : "item";
    this.description = item.category;
    this.tooltip = [item.title, item.category, ...item.urls.slice(0, 3)].join("\n");
    this.iconPath = new vscode.ThemeIcon(
      item.categoryId === "LOGIN" || item.categoryId === "001" ? "globe" : "key",
    );
  }
}

export class SectionNode extends vscode.TreeItem {
  constructor(
    readonly details: ItemDetails,
    readonly section: ItemSection,
    readonly parent: ItemNode,
  ) {
    super(section.label || "Untitled section", vscode.TreeItemCollapsibleState.Expanded);
    this.id = `${parent.id}/section:${section.id}`;
    this.contextValue = "section";
    this.iconPath = new vscode.ThemeIcon("symbol-namespace");
  }
}

export class FieldNode extends vscode.TreeItem {
  constructor(
    readonly details: ItemDetails,
    readonly field: ItemField,
    readonly parent: ItemNode | SectionNode,
    readonly source: Source,
  ) {
    super(field.label || field.id, vscode.TreeItemCollapsibleState.None);
    this.id = `${parent.id}/field:${field.id}`;
    this.contextValue = field.concealed ? "field.concealed" : "field";
    // The type, never the value: values are read only when an action asks for them.
    this.description = describeFieldType(field);
    this.iconPath = new vscode.ThemeIcon(field.concealed ? "key" : "symbol-field");
  }
}

export class MessageNode extends vscode.TreeItem {
  constructor(
    message: string,
    readonly parent: TreeNode | undefined,
    error = true,
  ) {
    super(message, vscode.TreeItemCollapsibleState.None);
    this.contextValue = "message";
    this.iconPath = new vscode.ThemeIcon(error ? "error" : "info");
    this.tooltip = message;
  }
}

export type TreeNode = SourceNode | VaultNode | ItemNode | SectionNode | FieldNode | MessageNode;
