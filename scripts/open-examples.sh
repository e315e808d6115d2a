#!/usr/bin/env bash
# Opens the extension on the bundled examples/:
#   * with desktop VS Code (`code` on PATH): an Extension Development Host on examples/;
#   * otherwise code-server (VS Code in the browser, installed into .code-server/ by
#     scripts/install-code-server.sh) with the packaged crashlog.vsix, served on
#     127.0.0.1 only; open the printed URL in a browser. Ctrl+C stops it.
#
# Environment: PORT=NNNN picks the port for code-server (default: a free one);
#              CRASHLOG_USE_CODE_SERVER=1 uses code-server even when `code` is on PATH.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
say() { printf '[open-examples] %s\n' "$*"; }

# ---------------------------------------------------------------- dependencies and the VSIX
if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing dependencies: npm ci"
  npm ci
fi
say "building crashlog.vsix: npm run package"
npm run package

# ---------------------------------------------------------------- desktop VS Code
if command -v code >/dev/null 2>&1 && [ "${CRASHLOG_USE_CODE_SERVER:-}" != 1 ]; then
  say "opening examples/ in VS Code with this extension in development mode"
  exec code --extensionDevelopmentPath="$ROOT" "$ROOT/examples"
fi

# ---------------------------------------------------------------- code-server
say "no desktop VS Code (code) on PATH: using code-server"
bash "$ROOT/scripts/install-code-server.sh"

CS_ENTRY="$ROOT/.code-server/node_modules/code-server/out/node/entry.js"
PROFILE="$ROOT/.code-server/examples-profile"   # gitignored, kept between runs
mkdir -p "$PROFILE/user-data/User" "$PROFILE/extensions"
CONFIG="$PROFILE/config.yaml"
[ -f "$CONFIG" ] || printf 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n' > "$CONFIG"
SETTINGS="$PROFILE/user-data/User/settings.json"
[ -f "$SETTINGS" ] || cat > "$SETTINGS" <<'EOF'
{
  "workbench.startupEditor": "none",
  "telemetry.telemetryLevel": "off",
  "extensions.ignoreRecommendations": true,
  "security.workspace.trust.enabled": false
}
EOF

CS=(node "$CS_ENTRY" --config "$CONFIG" --user-data-dir "$PROFILE/user-data" --extensions-dir "$PROFILE/extensions")
say "installing crashlog.vsix into code-server"
"${CS[@]}" --install-extension "$ROOT/crashlog.vsix" --force

PORT="${PORT:-$(node -e '
  const s = require("net").createServer();
  s.listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => console.log(p)); });
')}"
FIRST="$(cd "$ROOT/examples" && ls ./*.crashlog 2>/dev/null | head -n1 || true)"
say "serving examples/ on 127.0.0.1 only"
say ""
say "    open  http://127.0.0.1:$PORT/?folder=$ROOT/examples"
[ -n "$FIRST" ] && say "    then Ctrl+P and ${FIRST#./} to open an example"
say ""
say "Ctrl+C stops code-server."
exec "${CS[@]}" \
  --bind-addr "127.0.0.1:$PORT" \
  --auth none \
  --disable-telemetry \
  --disable-update-check \
  --disable-workspace-trust \
  --disable-getting-started-override \
  "$ROOT/examples"
