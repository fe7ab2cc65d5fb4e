// The vscode module, required once for the whole bundle: esbuild otherwise wraps require("vscode") in a fresh
// namespace copy (__toESM, a getter per API name) in each of the ~40 files that import it, all at activation.
export * from "vscode";
