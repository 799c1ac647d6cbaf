#!/bin/sh
# tests/cli/meta-real.sh: "ocf-check --meta-only" over every agent that
# resource-agents and pacemaker install, and over our reference agents.
#
# - Every installed agent: ocf-check finishes (bounded by timeout(1)) and
#   exits 0 or 1, never 2 or more and never by a signal.  --meta-only runs
#   nothing but meta-data, so no agent is started.
# - Pacemaker's Dummy and Stateful and resource-agents' Dummy: no error
#   and no warning at all (information is fine).
# - The reference agents (agents/): no meta-data finding at all, not even
#   information, from the meta.*, schema.*, param.*, act.* and file.name
#   rows.
#
# Skips the first two parts when resource-agents is not installed.  TAP
# on stdout, plan last.

LC_ALL=C
export LC_ALL
: "${TOP_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${TOP_BUILDDIR:=$TOP_SRCDIR}"
: "${OCF_CHECK:=$TOP_BUILDDIR/ocf-check}"
: "${AGENTS_SRC:=$TOP_SRCDIR/agents}"
: "${AGENTS_BUILD:=$TOP_BUILDDIR/agents}"
RA_DIR=${OCF_RA_DIR:-/usr/lib/ocf/resource.d}
LIMIT=${META_REAL_TIMEOUT:-180}

# check_one AGENT: run ocf-check on AGENT, output to $TMP/<n>.out and
# the exit status (124: timed out) to $TMP/<n>.rc.
check_one() {
	f=$TMP/$(printf '%s' "$1" | tr / _)
	timeout -k 5 "$LIMIT" "$OCF_CHECK" --meta-only -v --format=text "$1" \
	    >"$f.out" 2>&1
	echo $? >"$f.rc"
}

if [ "$1" = --one ]; then
	check_one "$2"
	exit 0
fi
if [ ! -x "$OCF_CHECK" ]; then
	echo "1..0 # SKIP no ocf-check binary at $OCF_CHECK"
	exit 0
fi
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ocf-check-meta-real.XXXXXX") || {
	echo "Bail out! cannot create a temporary directory"
	exit 1
}
trap 'rm -rf "$TMP"' EXIT
N=0

ok() {
	N=$((N + 1))
	echo "ok $N - $*"
}

not_ok() {
	N=$((N + 1))
	echo "not ok $N - $1"
	shift
	for line in "$@"; do
		printf '# %s\n' "$line"
	done
}

# The installed agents, several at a time (this script with --one runs
# one); then one TAP line each.
sweep() {
	jobs=$(nproc 2>/dev/null || echo 2)
	[ "$jobs" -gt 8 ] && jobs=8
	export OCF_CHECK LIMIT TMP
	ls -d "$RA_DIR"/heartbeat/* "$RA_DIR"/pacemaker/* 2>/dev/null |
	    xargs -P "$jobs" -n 1 sh "$0" --one
	for a in "$RA_DIR"/heartbeat/* "$RA_DIR"/pacemaker/*; do
		f=$TMP/$(printf '%s' "$a" | tr / _)
		rc=$(cat "$f.rc" 2>/dev/null || echo missing)
		case $rc in
		0|1) ok "no crash or hang: $a (exit $rc)" ;;
		*) not_ok "no crash or hang: $a (exit $rc)" \
		    "$(tail -n 5 "$f.out" 2>/dev/null)" ;;
		esac
	done
}

# clean AGENT IDS-RE LEVELS-RE: no report line of those levels for ids
# matching IDS-RE.
clean() {
	f=$TMP/$(printf '%s' "$1" | tr / _)
	[ -f "$f.out" ] || check_one "$1"
	bad=$(grep -E "^($3) +($2)( |$)" "$f.out")
	if [ -z "$bad" ]; then
		ok "$4: $1"
	else
		not_ok "$4: $1" "$bad"
	fi
}

if [ -d "$RA_DIR/heartbeat" ]; then
	sweep
	for a in pacemaker/Dummy pacemaker/Stateful heartbeat/Dummy; do
		[ -x "$RA_DIR/$a" ] || continue
		clean "$RA_DIR/$a" '[a-z.0-9-]+' 'FAIL|WARN|ERROR' \
		    "no error or warning"
	done
else
	echo "# SKIP resource-agents is not installed (no $RA_DIR/heartbeat)"
fi

for a in "$AGENTS_SRC/stateless" "$AGENTS_SRC/promotable" \
    "$AGENTS_BUILD/greeter"; do
	[ -x "$a" ] || continue
	clean "$a" 'meta\.[a-z0-9-]+|schema\.[a-z0-9-]+|param\.[a-z0-9-]+|act\.[a-z0-9-]+|file\.name' \
	    'FAIL|WARN|INFO|ERROR' "no meta-data finding"
done
echo "1..$N"
