# tests/agents/lib.sh: TAP helpers for the reference-agent tests (sourced).
#
# Each test script sources this file, calls setup, runs its checks with
# check/expect_rc/skip, and ends with finish, which prints the plan last.
# Everything a test creates lives in $TMP, removed on exit; processes are
# stopped by the cleanup hook each script may define (by pid, never by
# name).

LC_ALL=C
export LC_ALL

# Where the agents and the daemon are: set by make check, or derived from
# this script's location when it is run by hand from the source tree.
: "${AGENTS_SRC:=$(cd "$(dirname "$0")/../../agents" && pwd)}"
: "${AGENTS_BUILD:=$AGENTS_SRC}"
# shellcheck disable=SC2034 # used by the scripts that source this file
GREETERD=$AGENTS_BUILD/ocf-greeterd

# shellcheck source=tests/tap.sh
. "$(dirname "$0")/../tap.sh"

# check DESCRIPTION COMMAND...: passes when the command succeeds.  It
# leaves $TMP/out and $TMP/err alone, so it can look at them.
check() {
	desc=$1
	shift
	if "$@" >"$TMP/check.out" 2>"$TMP/check.err"; then
		ok "$desc"
	else
		not_ok "$desc"
		diag "command failed: $*"
		diag_file "$TMP/check.out"
		diag_file "$TMP/check.err"
	fi
}

# expect_rc STATUS DESCRIPTION COMMAND...: passes when the command exits
# with STATUS.  Its output stays in $TMP/out and $TMP/err.
expect_rc() {
	want=$1
	desc=$2
	shift 2
	"$@" >"$TMP/out" 2>"$TMP/err" </dev/null
	got=$?
	if [ "$got" = "$want" ]; then
		ok "$desc"
	else
		not_ok "$desc"
		diag "expected exit status $want, got $got from: $*"
		diag_file "$TMP/out"
		diag_file "$TMP/err"
	fi
}

# Replaced by scripts that start processes; run from the EXIT trap.
cleanup() {
	:
}

setup() {
	TMP=$(mktemp -d "${TMPDIR:-/tmp}/ocf-check-agents.XXXXXX") || {
		echo "Bail out! cannot create a temporary directory"
		exit 1
	}
	# Readable by everyone: ocf-tester and ocf-check run meta-data as an
	# unprivileged user.
	chmod 755 "$TMP"
	trap 'cleanup; rm -rf "$TMP"' EXIT
	trap 'exit 1' INT TERM HUP
}

finish() {
	echo "1..$TESTNUM"
	exit 0
}

# The path of agent $1: generated ones are in the build tree, the others
# in the source tree (both are the same in an in-tree build).
agent_path() {
	if [ -f "$AGENTS_BUILD/$1" ]; then
		echo "$AGENTS_BUILD/$1"
	else
		echo "$AGENTS_SRC/$1"
	fi
}

# A TCP port that nothing on this host uses, from 20000 to 59999.
free_port() {
	for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		n=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
		p=$((20000 + n % 40000))
		hex=$(printf '%04X' "$p")
		if ! cat /proc/net/tcp /proc/net/tcp6 2>/dev/null |
		    grep -q "^ *[0-9]*: [0-9A-F]*:$hex "; then
			echo "$p"
			return 0
		fi
	done
	return 1
}

# 0 if process $1 exists and is not a zombie.
pid_running() {
	kill -0 "$1" 2>/dev/null || return 1
	[ -r "/proc/$1/stat" ] || return 0
	state=$(sed -e 's/^.*) //' -e 's/ .*//' "/proc/$1/stat" 2>/dev/null)
	[ "$state" != Z ]
}

# Wait up to $2 seconds for process $1 to disappear.
wait_pid_gone() {
	i=0
	while pid_running "$1"; do
		[ "$i" -lt "$(($2 * 10))" ] || return 1
		sleep 0.1
		i=$((i + 1))
	done
	return 0
}

DTD=/usr/share/resource-agents/ra-api-1.dtd

# Validate file $1 against the DTD; from the DTD's directory, so that the
# DOCTYPE's system identifier resolves too.
validate_dtd() {
	(cd "${DTD%/*}" && xmllint --noout --dtdvalid "$DTD" "$1")
}

# Run $1 meta-data as an unprivileged user, as Pacemaker's controller does.
meta_data_as_nobody() {
	setpriv --reuid=65534 --regid=65534 --clear-groups "$1" meta-data
}

# check_agent_basics AGENT NAME: what every reference agent does before any
# state is involved: its meta-data, usage and unknown actions.
check_agent_basics() {
	agent=$1
	name=$2
	expect_rc 0 "$name: meta-data exits 0" "$agent" meta-data
	cp "$TMP/out" "$TMP/meta.xml"
	check "$name: meta-data starts with the XML declaration" \
	    grep -q '^<?xml version="1.0"' "$TMP/meta.xml"
	check "$name: meta-data carries the ra-api-1.dtd DOCTYPE" \
	    grep -qxF '<!DOCTYPE resource-agent SYSTEM "ra-api-1.dtd">' \
	    "$TMP/meta.xml"
	if command -v xmllint >/dev/null 2>&1 && [ -r "$DTD" ]; then
		check "$name: meta-data is valid against ra-api-1.dtd" \
		    validate_dtd "$TMP/meta.xml"
	else
		skip "$name: no xmllint or no $DTD to validate meta-data"
	fi
	check "$name: <version> is OCF 1.0" \
	    grep -qx '<version>1.0</version>' "$TMP/meta.xml"
	check "$name: its own version is in the version attribute" \
	    grep -q "^<resource-agent name=\"$name\" version=\"1\.0\.0\">" \
	    "$TMP/meta.xml"
	OCF_OUTPUT_FORMAT=text "$agent" meta-data >"$TMP/meta-text.xml" 2>&1
	check "$name: meta-data ignores OCF_OUTPUT_FORMAT=text" \
	    cmp "$TMP/meta.xml" "$TMP/meta-text.xml"
	if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
		meta_data_as_nobody "$agent" >"$TMP/meta-nobody.xml" 2>&1
		check "$name: meta-data works as an unprivileged user" \
		    cmp "$TMP/meta.xml" "$TMP/meta-nobody.xml"
	else
		skip "$name: meta-data as nobody needs root and setpriv"
	fi
	expect_rc 2 "$name: no action: exit 2" "$agent"
	check "$name: ... with a usage line on stderr" grep -q '^usage:' "$TMP/err"
	expect_rc 3 "$name: an unknown action exits 3" "$agent" frobnicate
	check "$name: ... with an exit reason" \
	    grep -q '^ocf-exit-reason:.' "$TMP/err"
}

# Wait up to 5 seconds until something greets on 127.0.0.1 port $1.
wait_greeting() {
	i=0
	until "$GREETERD" --probe -t 1 127.0.0.1 "$1" 2>/dev/null; do
		[ "$i" -lt 50 ] || return 1
		sleep 0.1
		i=$((i + 1))
	done
	return 0
}

# stop_instance INSTANCE AGENT: stop an instance run with statedir
# $TMP/AGENT (and, for the greeter, port $PORT and the build's daemon).
stop_instance() {
	env OCF_RESOURCE_INSTANCE="$1" OCF_RESKEY_statedir="$TMP/$2" \
	    OCF_RESKEY_port="${PORT:-}" OCF_RESKEY_daemon="$GREETERD" \
	    "$(agent_path "$2")" stop
}

# Kill every ocf-greeterd whose pid file is under directory $1: the last
# resort of a test's cleanup, for instances it did not name itself.
kill_daemons_of() {
	for f in "$1"/*/greeter-*.pid; do
		[ -f "$f" ] || continue
		p=
		read -r p <"$f"
		case $p in
		'' | *[!0-9]*) continue ;;
		esac
		if [ -r "/proc/$p/cmdline" ] &&
		    tr '\000' '\n' <"/proc/$p/cmdline" | grep -qxF "$f"; then
			kill -KILL "$p" 2>/dev/null
		fi
	done
}
