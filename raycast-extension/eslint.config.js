// The extension's own lint: Raycast's recommended rules (ray lint runs the same config).
const { defineConfig } = require("eslint/config");
const raycastConfig = require("@raycast/eslint-config");

module.exports = defineConfig([
  ...raycastConfig,
  // STYLE.md: no function (or component) over ~150 lines.
  { rules: { "max-lines-per-function": ["error", { max: 150, skipBlankLines: true, skipComments: true }] } },
]);
