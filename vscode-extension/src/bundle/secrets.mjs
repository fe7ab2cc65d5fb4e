// Stands in for shared's secrets/index.ts in the extension's main bundle, for the names the extension uses (a name
// missing here fails the build): secret detection loads from its own file (dist/secret-detection.js) at the first
// scan. Its provider tables take a fair part of start-up to compile and build, and nothing at activation needs them.
/* global require */
/* eslint-disable @typescript-eslint/no-require-imports -- required on first use, from the file beside the bundle */

let detection;

function loadDetection() {
  detection ??= require("./secret-detection.js");
  return detection;
}

export function detectSecrets(...args) {
  return loadDetection().detectSecrets(...args);
}

export function compileCustomPatterns(...args) {
  return loadDetection().compileCustomPatterns(...args);
}

export function secretFingerprint(...args) {
  return loadDetection().secretFingerprint(...args);
}
