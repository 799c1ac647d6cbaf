#!/bin/sh
# tests/cli/fixtures.sh: every fixture agent fails exactly the checks its
# "expect" file names, and every check id has a fixture that fails it (TAP).
#
# A fixture is a directory fixtures/<case>/ with:
#   agent    the agent (or the file named by "path"), usually a few lines
#            over fixtures/lib/base.sh, with its defect in a comment on top
#   expect   the check ids that must show as FAIL, WARN, INFO (or ERROR) in
#            ocf-check's text report: exactly these, one a line, # comments
#   args     optional: extra ocf-check arguments, one a line (no quoting)
#   env      optional: NAME=value lines added to ocf-check's own
#            environment (which exec.documented-env-only hands the agent)
#   path     optional: the agent's path inside the fixture directory
#   prepare  optional: a sh script run in the fixture's copy first, for
#            what git cannot store (mode 777, a FIFO, CRLF line endings)
#   needs-root  optional: the fixture is skipped when not run as root
# A missing agent is a usage error (exit 2) before any check runs, so
# file.exists is failed by a "path" that names a directory (file-exists).
#
# Each fixture runs on a private copy of fixtures/ under $TMPDIR, so that
# the modes, owner and parent directories of the source tree (umask 002, a
# read-only distcheck tree) cannot change the file.* results.  It runs as
#   ocf-check -v --color=never -n fx-<case> -o statedir=<tmp>/<case> ARGS AGENT
# with --thorough added when it expects a check that only --thorough runs
# (so that the others show the default run finds their defects), and passes when the ids reported equal the expected ones, ocf-check exits
# 1 if something FAILed and 0 otherwise (and reports no sanitizer error),
# and no process that carries the fixture's statedir in its environment or
# command line outlives the run.
# Two fixtures run at a time (OCF_CHECK_FIXTURE_JOBS); results print in
# order.  Not root: an INFO from file.not-writable (the owner is not root)
# is ignored unless expected.
#
# The last two tests: every id of --list-checks is expected by at least one
# fixture, and every file under fixtures/ is listed for the distribution in
# fixtures/local.mk or src/meta.mk.

LC_ALL=C
export LC_ALL
umask 022

: "${TOP_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${FIXTURES:=$TOP_SRCDIR/fixtures}"
: "${OCF_CHECK:=$TOP_SRCDIR/ocf-check}"
: "${OCF_CHECK_FIXTURE_JOBS:=2}"

if [ ! -x "$OCF_CHECK" ]; then
	echo "1..0 # SKIP no ocf-check at $OCF_CHECK"
	exit 0
fi
if [ ! -d /proc/self ]; then
	echo "1..0 # SKIP needs /proc"
	exit 0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ocf-check-fx.XXXXXX") || exit 99
# meta.non-root runs the agent as nobody: the copy must be reachable
chmod 755 "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
root=no
[ "$(id -u)" = 0 ] && root=yes

# The cases, in name order: directories with an expect file.
# OCF_CHECK_FIXTURES (shell patterns) runs only some, for development.
all_cases=
cases=
for d in "$FIXTURES"/*/; do
	d=${d%/}
	c=${d##*/}
	[ -f "$d/expect" ] || continue
	all_cases="$all_cases $c"
	set -f
	# shellcheck disable=SC2254 # the patterns are globs
	for pat in ${OCF_CHECK_FIXTURES:-*}; do
		case $c in $pat) cases="$cases $c"; break ;; esac
	done
	set +f
done
ncases=$(echo $cases | wc -w)
echo "1..$((ncases + 2))"

cp -R "$FIXTURES/." "$tmp/fx" && chmod -R u+w,go-w "$tmp/fx" || exit 99
# the ids only --thorough runs (--list-checks says so)
"$OCF_CHECK" --list-checks | awk '/ \(--thorough/ { print $1 }' | sort -u \
    >"$tmp/thorough-ids"

# The ids in an expect file, sorted, comments and blanks dropped.
expected_ids() {
	sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' "$1" | sort -u
}

# Kill and name the processes that carry statedir $1 in their environment
# or arguments; returns 1 if any.  The patterns are read from a file, or
# grep would find itself.
survivors() {
	printf '%s\n' "OCF_RESKEY_statedir=$1" "statedir=$1" >"$1.pat"
	found=$(grep -lsxzF -f "$1.pat" /proc/[0-9]*/environ \
	    /proc/[0-9]*/cmdline 2>/dev/null |
	    sed 's|^/proc/\([0-9]*\)/.*|\1|' | sort -u)
	[ -n "$found" ] || return 0
	for pid in $found; do
		echo "# left running: pid $pid: $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)"
		kill -KILL "$pid" 2>/dev/null
	done
	return 1
}

# run_case CASE: run one fixture; writes $tmp/CASE.res: the status word
# (ok, not ok, skip) on line 1, diagnostics after it.
run_case() {
	c=$1
	dir=$tmp/fx/$c
	res=$tmp/$c.res
	out=$tmp/$c.out
	state=$tmp/state/$c
	if [ -f "$dir/needs-root" ] && [ "$root" = no ]; then
		echo skip >"$res"
		return
	fi
	if [ -f "$dir/prepare" ] && ! (cd "$dir" && sh ./prepare) >"$out" 2>&1; then
		{ echo "not ok"; echo "# prepare failed:"; sed 's/^/#   /' "$out"; } >"$res"
		return
	fi
	agent=agent
	[ -f "$dir/path" ] && agent=$(sed -n 1p "$dir/path")
	expected_ids "$dir/expect" >"$tmp/$c.want"
	set --
	if [ -n "$(comm -12 "$tmp/thorough-ids" "$tmp/$c.want")" ]; then
		set -- --thorough
	fi
	if [ -f "$dir/args" ]; then
		while IFS= read -r line || [ -n "$line" ]; do
			case $line in '' | '#'*) continue ;; esac
			set -- "$@" "$line"
		done <"$dir/args"
	fi
	if [ -f "$dir/env" ]; then
		while IFS= read -r line || [ -n "$line" ]; do
			case $line in '' | '#'*) continue ;; esac
			export "${line?}"
		done <"$dir/env"
	fi
	t0=$(date +%s)
	timeout -k 10 120 "$OCF_CHECK" -v --color=never -n "fx-$c" \
	    -o "statedir=$state" "$@" "$dir/$agent" >"$out" 2>&1 </dev/null
	rc=$?
	t1=$(date +%s)
	awk '$1 ~ /^(FAIL|WARN|INFO|ERROR)$/ { print $1, $2 }' "$out" |
	    if [ "$root" = no ] && ! grep -qx file.not-writable "$tmp/$c.want"; then
		grep -vx 'INFO file.not-writable'
	    else
		cat
	    fi >"$tmp/$c.labels"
	awk '{ print $2 }' "$tmp/$c.labels" | sort -u >"$tmp/$c.got"
	want_rc=0
	grep -q '^\(FAIL\|ERROR\) ' "$tmp/$c.labels" && want_rc=1
	{
		status=ok
		if ! cmp -s "$tmp/$c.want" "$tmp/$c.got"; then
			status="not ok"
			echo "# expected: $(echo $(cat "$tmp/$c.want"))"
			echo "# got:      $(echo $(cat "$tmp/$c.got"))"
		fi
		if [ "$rc" != "$want_rc" ]; then
			status="not ok"
			echo "# ocf-check exited $rc, expected $want_rc"
		fi
		# a --enable-sanitizers build reports on stderr
		if grep -q 'Sanitizer\|runtime error:' "$out"; then
			status="not ok"
			echo "# ocf-check reported a sanitizer error:"
			grep -A12 'Sanitizer\|runtime error:' "$out" | sed 's/^/#   /'
		fi
		survivors "$state" || status="not ok"
		if [ "$status" != ok ]; then
			echo "# ocf-check -v -n fx-$c -o statedir=$state $* $agent:"
			tail -n 40 "$out" | sed 's/^/#   /'
		fi
		echo "# $c: $((t1 - t0)) s"
	} >"$res.diag"
	{ echo "$status"; cat "$res.diag"; } >"$res"
}

n=0
failed=0
# Print the result of case $1 (waiting for its job first).
report() {
	wait "$2"
	n=$((n + 1))
	status=$(sed -n 1p "$tmp/$1.res" 2>/dev/null)
	case $status in
	ok) echo "ok $n - $1" ;;
	skip) echo "ok $n - $1 # SKIP needs root" ;;
	*) echo "not ok $n - $1"; failed=$((failed + 1)) ;;
	esac
	sed 1d "$tmp/$1.res" 2>/dev/null
}

start=$(date +%s)
mkdir "$tmp/state"
queue=
running=0
for c in $cases; do
	run_case "$c" &
	queue="$queue $c:$!"
	running=$((running + 1))
	if [ "$running" -ge "$OCF_CHECK_FIXTURE_JOBS" ]; then
		set -- $queue
		report "${1%%:*}" "${1##*:}"
		shift
		queue=$*
		running=$((running - 1))
	fi
done
for job in $queue; do
	report "${job%%:*}" "${job##*:}"
done

# none_missing DESCRIPTION WHAT LIST: a test that passes when LIST is empty.
none_missing() {
	n=$((n + 1))
	if [ -z "$3" ]; then
		echo "ok $n - $1"
		return
	fi
	echo "not ok $n - $1"
	echo "# $2:$3"
	failed=$((failed + 1))
}

# Every check id can fail: each is expected by some fixture.
for c in $all_cases; do expected_ids "$FIXTURES/$c/expect"; done |
    sort -u >"$tmp/all-expected"
"$OCF_CHECK" --list-checks | awk '{ print $1 }' | sort -u >"$tmp/all-ids"
none_missing "every check id is failed by a fixture" "no fixture expects" \
    "$(comm -23 "$tmp/all-ids" "$tmp/all-expected" | tr '\n' ' ' | sed 's/^/ /; s/ $//')"

# Every file under fixtures/ is in the distribution.
cat "$TOP_SRCDIR/fixtures/local.mk" "$TOP_SRCDIR/src/meta.mk" 2>/dev/null |
    tr -s ' \t\\=' '\n\n\n\n' | sort -u >"$tmp/listed"
(cd "$FIXTURES/.." && find fixtures -type f ! -name local.mk) | sort -u \
    >"$tmp/files"
none_missing "every file under fixtures/ is listed in EXTRA_DIST" \
    "not in fixtures/local.mk or src/meta.mk" \
    "$(comm -23 "$tmp/files" "$tmp/listed" | tr '\n' ' ' | sed 's/^/ /; s/ $//')"
echo "# $ncases fixtures in $(($(date +%s) - start)) s"
[ "$failed" -eq 0 ]
