// The extension's own lint: Raycast's recommended rules (ray lint runs the same config).
const { defineConfig } = require("eslint/config");
const raycastConfig = require("@raycast/eslint-config");

module.exports = defineConfig([...raycastConfig]);
