import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/dist/**",
      "**/out/**",
      ".cache/**",
      "release/**",
      "test/e2e/.artifacts/**",
      "test/fixtures/secrets/corpus/**",
      "raycast-extension/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // STYLE.md: no function over ~150 lines in the product's code (tests and scripts may hold long tables).
    files: ["shared/src/**/*.ts", "vscode-extension/src/**/*.ts"],
    rules: { "max-lines-per-function": ["error", { max: 150, skipBlankLines: true, skipComments: true }] },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
);
