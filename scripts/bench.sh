#!/bin/sh
# make bench: wall time per agent action, ocf-check against ocf-tester, on
# the same agent (resource-agents' heartbeat/Dummy when installed, else our
# reference agent).  Both run a thin wrapper that counts the agent's
# invocations, so "per action" divides by what really ran.
# Usage: scripts/bench.sh OCF_CHECK [RUNS]
set -eu
ocf_check=$1
runs=${2:-5}
real=/usr/lib/ocf/resource.d/heartbeat/Dummy
[ -x "$real" ] || real=$(cd "$(dirname "$0")/.." && pwd)/agents/stateless
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
# ocf-check also runs meta-data as nobody: it must reach the wrapper
chmod 755 "$tmp"
: >"$tmp/calls"
chmod 666 "$tmp/calls"
mkdir -p "$tmp/resource.d/bench"
agent="$tmp/resource.d/bench/$(basename "$real")"
cat >"$agent" <<WRAP
#!/bin/sh
echo "\$1" >>"$tmp/calls"
exec "$real" "\$@"
WRAP
chmod 755 "$agent"

now_ms() { date +%s%3N; }

# measure NAME COMMAND...: runs it $runs times
measure() {
	name=$1
	shift
	: >"$tmp/calls"	# truncate; keeps its mode
	t0=$(now_ms)
	i=0
	while [ "$i" -lt "$runs" ]; do
		timeout 300 "$@" >"$tmp/out" 2>&1 || true
		i=$((i + 1))
	done
	t1=$(now_ms)
	calls=$(wc -l <"$tmp/calls")
	awk -v n="$name" -v r="$runs" -v c="$calls" -v ms="$((t1 - t0))" 'BEGIN {
		printf "%-20s %4d runs %6.1f actions/run %8.1f ms/run %7.2f ms/action\n",
		    n, r, c / r, ms / r, c ? ms / c : 0 }'
}

echo "agent: $real"
# the wrapper sits in a resource.d of its own: name the real OCF root; the
# second instance (multi.*) needs a state file of its own
measure ocf-check "$ocf_check" -q -n bench --ocf-root=/usr/lib/ocf \
	-o state="$tmp/state" -O state="$tmp/state-b" \
	-o statedir="$tmp/statedir" "$agent"
measure "ocf-check --thorough" "$ocf_check" -q --thorough -n bench \
	--ocf-root=/usr/lib/ocf -o state="$tmp/state" -O state="$tmp/state-b" \
	-o statedir="$tmp/statedir" "$agent"
if [ -x /usr/sbin/ocf-tester ]; then
	measure ocf-tester /usr/sbin/ocf-tester -n bench -o state="$tmp/state" \
		-o statedir="$tmp/statedir" "$agent"
else
	echo "ocf-tester           not installed (resource-agents): nothing to compare"
fi

# What the machine allows: an agent action is at least one fork and exec,
# and a shell agent forks more.  Then one plain default run on the real
# agent, as a user types it, and one with --thorough, each with
# ocf-check's own summary of where the time went (the agent, deliberate
# waits, ocf-check itself).
t0=$(now_ms)
i=0
while [ "$i" -lt 200 ]; do
	/bin/true
	i=$((i + 1))
done
t1=$(now_ms)
awk -v ms="$((t1 - t0))" 'BEGIN {
	printf "process start (fork+exec of /bin/true): %.2f ms\n", ms / 200 }'
for mode in default --thorough; do
	opt=
	[ "$mode" = default ] || opt=$mode
	t0=$(now_ms)
	# shellcheck disable=SC2086 # $opt: one option, or nothing
	"$ocf_check" -q $opt -n bench-default "$real" >"$tmp/out" 2>&1 || true
	t1=$(now_ms)
	echo "$mode run of ocf-check on $real: $((t1 - t0)) ms wall"
	grep '^Summary:' "$tmp/out" | sed 's/^/  /'
done
