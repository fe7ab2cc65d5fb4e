#!/usr/bin/env bash
# Installs code-server (the real VS Code) into test/e2e/node_modules, fast when already there.
set -euo pipefail
cd "$(dirname "$0")"

want=4.100.3
bin=node_modules/.bin/code-server

# Fail with what is missing rather than half-installing: these come from Debian (.ci/run installs them).
missing=()
for tool in rg /usr/bin/chromium; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
for pkg in libkrb5-dev libxkbfile-dev libsecret-1-dev; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
if ((${#missing[@]})); then
  echo "e2e setup: missing system packages/tools: ${missing[*]}" >&2
  echo "  install them with: apt-get install -y chromium libkrb5-dev libxkbfile-dev libsecret-1-dev ripgrep" >&2
  exit 1
fi

# code-server 4.100.3 runs on Node 20 only (its postinstall refuses another major; its native modules are built
# for that Node), while the repository needs Node 22 (README, "Node"): it gets its own Node 20, the official
# binaries from the npm registry (the `node` package), and runs on it (harness/paths.ts, codeServerNodeBin).
node_version=20.20.2
node_home="$PWD/.cache/node-$node_version"
# The binaries come in node-<platform>-<arch>, next to their headers (include/).
node_dir() { compgen -G "$node_home/node_modules/node/node_modules/node-*-*" | head -n 1 || true; }
if [[ -z "$(node_dir)" || "$("$(node_dir)/bin/node" --version 2>/dev/null)" != "v$node_version" ]]; then
  echo "e2e setup: installing Node $node_version for code-server from the npm registry"
  npm install --prefix "$node_home" --no-audit --no-fund --loglevel=error "node@$node_version"
fi
ln -sfn "$(node_dir)/bin" .cache/code-server-node
export PATH="$PWD/.cache/code-server-node:$PATH"
# Native modules compile against this Node's own headers (the package ships them): nothing is downloaded.
export npm_config_nodedir="$(node_dir)"

# The first run also logs a line about its config file: look for the version line itself.
installed_version() { "$bin" --version 2>/dev/null | grep -E '^[0-9]+\.[0-9]+\.[0-9]+ ' | head -n 1 || true; }

if [[ -x $bin ]] && [[ "$(installed_version)" == "$want "* ]]; then
  exit 0
fi

echo "e2e setup: installing code-server $want (a few minutes on a cold npm cache)…"
# @vscode/ripgrep's postinstall downloads rg from GitHub, out of reach here; it looks in this cache first.
cache="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-1.15.11"
pack="$(mktemp -d)"
mkdir -p "$cache"
cp "$(command -v rg)" "$pack/rg"
tar czf "$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$pack" rg
rm -rf "$pack"

# Install scripts must run (native modules), as root too; node-pty's postinstall runs `npx node-gyp`.
export npm_config_unsafe_perm=true npm_config_yes=true npm_config_ignore_scripts=false
# Run from an npm script (npm run test:e2e), the outer npm's user agent ("node/v22…") is inherited and npm passes it on;
# code-server's postinstall reads the Node version from it. Let this npm, on Node 20, say its own.
unset npm_config_user_agent
if [[ -f package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error
else
  npm install --no-audit --no-fund --loglevel=error
fi

version="$(installed_version)"
if [[ "$version" != "$want "* ]]; then
  echo "e2e setup: code-server did not install correctly (\`code-server --version\` gave: ${version:-nothing})" >&2
  exit 1
fi
echo "e2e setup: code-server $version"
