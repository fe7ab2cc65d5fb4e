// User-facing words both extensions say alike, in one table, so Raycast and VS Code never drift apart.

export const strings = {
  /** Source labels shown beside items and in problems. */
  serviceAccountLabel: "Service account",
  metadataLabel: "1Password 7 metadata",
  noItemsInVault: "No items in this vault",
  noMatchingItems: "No matching items",
} as const;
