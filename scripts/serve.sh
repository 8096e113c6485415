# Sourced by scripts that need a running server: `serve LOG BINARY ARGS...`
# starts it on a free port in the background, stops it when the script
# exits, and sets $url once it serves (or prints its log and fails).
serve() {
  local log=$1
  shift
  "$@" -addr 127.0.0.1:0 >"$log" 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null || true' EXIT
  url=""
  for _ in $(seq 1 600); do
    url=$(sed -n "s/.*msg=serving url=\(http[^ ]*\).*/\1/p" "$log" | head -1)
    [ -n "$url" ] && return 0
    kill -0 "$server" 2>/dev/null || break
    sleep 0.1
  done
  echo "the server did not start:" >&2
  cat "$log" >&2
  exit 1
}
