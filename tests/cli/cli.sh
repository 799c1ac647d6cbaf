#!/bin/sh
# tests/cli/cli.sh: end-to-end tests of ocf-check's command line, run
# against the built binary ($OCF_CHECK): options and exit statuses, the
# environment an agent gets (parameters passed as data, never through a
# shell), a daemon that holds the agent's stdout, and Ctrl-C in the middle
# of a start.
#
# Each case works in its own directory under one private temporary
# directory, every call of the binary is bounded by timeout(1), and the
# only processes killed are ours: found by pid, or by a command line that
# carries this run's unique number.  TAP on stdout, plan last; exits 0.
#
# shellcheck disable=SC2317
# (the predicates below are called through "every" and "some")

LC_ALL=C
export LC_ALL
: "${TOP_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${TOP_BUILDDIR:=$TOP_SRCDIR}"
: "${OCF_CHECK:=$TOP_BUILDDIR/ocf-check}"

if [ ! -x "$OCF_CHECK" ]; then
	echo "1..0 # SKIP no ocf-check binary at $OCF_CHECK"
	exit 0
fi

PATH_OCF=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
. "$TOP_SRCDIR/tests/tap.sh"
# A number no other test run uses: daemons of our test agents carry it in
# their command line (sleep 30.$U), so that we can tell them apart.
U=$$$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ocf-check-cli.XXXXXX") || {
	echo "Bail out! cannot create a temporary directory"
	exit 1
}
# Readable by everyone: ocf-check runs meta-data as an unprivileged user.
chmod 755 "$TMP"
BGPID=

# procs_matching -E|-F PATTERN: the processes with an argument in their
# command line that matches PATTERN (an extended regular expression, or a
# fixed string found anywhere in it); never this shell.  grep reads the
# pattern from stdin, so that it does not find itself.
procs_matching() {
	printf '%s\n' "$2" |
	    grep -lz "$1" -f - /proc/[0-9]*/cmdline 2>/dev/null |
	    sed -e 's|^/proc/||' -e 's|/cmdline$||' | grep -vx "$$"
}

# Everything a test agent of this run may have left: its daemons and
# sleeps carry $U in an argument, its own processes the path of $TMP.
our_leftovers() {
	procs_matching -E "^[0-9][0-9]\\.$U\$"
	procs_matching -F "$TMP/"
}

cleanup() {
	if [ -n "$BGPID" ]; then
		for p in $(child_of "$BGPID") "$BGPID"; do
			kill -KILL "$p" 2>/dev/null
		done
	fi
	for p in $(our_leftovers); do
		kill -KILL "$p" 2>/dev/null
	done
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# Show a file as TAP diagnostics (at most 30 lines, control bytes escaped).
diag_file() {
	[ -s "$1" ] && cat -v "$1" | sed -e 's/^/# /' -e 30q
	return 0
}

# Show what the last run printed.
diag_run() {
	diag "exit status: $rc"
	if [ -s "$T/out" ]; then
		diag "stdout:"
		diag_file "$T/out"
	fi
	if [ -s "$T/err" ]; then
		diag "stderr:"
		diag_file "$T/err"
	fi
}

# verdict DESCRIPTION CONDITION...: one test, passing when the condition
# (a command) succeeds; on failure the last run's output is shown.
verdict() {
	desc=$1
	shift
	if "$@"; then
		ok "$desc"
	else
		not_ok "$desc"
		diag_run
	fi
}

# rc_is STATUS...: was the last run's exit status one of these?
rc_is() {
	for w in "$@"; do
		[ "$rc" = "$w" ] && return 0
	done
	return 1
}

# The number of lines in a file, the last one counted even without a
# newline.
lines() {
	grep -c '' "$1"
}

# A string as a basic regular expression that matches just itself.
re_quote() {
	printf '%s' "$1" | sed 's/[].[^$*\\]/\\&/g'
}

dir_empty() {
	[ -z "$(ls -A "$1")" ]
}

now_ms() {
	date +%s%3N
}

# 0 if process $1 exists and is not a zombie.
pid_running() {
	[ -r "/proc/$1/stat" ] || return 1
	state=$(sed -e 's/^.*) //' -e 's/ .*//' "/proc/$1/stat" 2>/dev/null)
	[ -n "$state" ] && [ "$state" != Z ]
}

# The children of process $1.
child_of() {
	cat /proc/[0-9]*/stat 2>/dev/null |
	    awk -v pp="$1" '{ pid = $1; sub(/^.*\) /, ""); if ($2 == pp) print pid }'
}

# newcase NAME: a private directory for one case, in $T.
newcase() {
	T=$TMP/$1
	mkdir -p "$T/tmpdir" "$T/work"
	chmod 755 "$T"
}

# oc LIMIT ARGS...: run ocf-check for at most LIMIT seconds, from $T/work,
# with its own TMPDIR; output in $T/out and $T/err, status in $rc.
oc() {
	limit=$1
	shift
	(cd "$T/work" && TMPDIR=$T/tmpdir timeout -k 5 "$limit" \
	    "$OCF_CHECK" "$@" >"$T/out" 2>"$T/err" </dev/null)
	rc=$?
}

# make_agent DIR KIND: write DIR/cli-agent, a small OCF agent that records
# every call in DIR (its exact environment in env.ACTION.PID, a line with
# the time in ms in calls) and keeps its state in DIR/state.INSTANCE.  KIND:
#   plain   start and stop only touch the state file;
#   daemon  start leaves "sleep 30.$U" holding its stdout and stderr;
#   slow    start detaches a daemon "sleep 40.$U", marks the resource
#           running, then sleeps 20 s ("sleep 20.$U").
make_agent() {
	sed -e "s|@DIR@|$1|g" -e "s|@KIND@|$2|g" -e "s|@U@|$U|g" \
	    >"$1/cli-agent" <<'EOF'
#!/bin/sh
# A test agent written by ocf-check's tests/cli/cli.sh.
D='@DIR@'
KIND='@KIND@'
U='@U@'
act=${1-}
name=$(printf '%s' "${act:-none}" | tr -c 'A-Za-z0-9_-' '_')
# As the unprivileged user this cannot write, and need not.
{
	cat "/proc/$$/environ" >"$D/env.$name.$$"
	echo "$(date +%s%3N) $name $$" >>"$D/calls"
} 2>/dev/null
# one state file per instance, so that a second instance is separate
inst=$(printf '%s' "${OCF_RESOURCE_INSTANCE-}" | tr -c 'A-Za-z0-9_-' '_')
state=$D/state.$inst

case $act in
meta-data)
	cat <<'XML'
<?xml version="1.0"?>
<!DOCTYPE resource-agent SYSTEM "ra-api-1.dtd">
<resource-agent name="cli-agent" version="1.0">
<version>1.1</version>
<longdesc lang="en">
A test agent of ocf-check's command-line tests: it records how it is called.
</longdesc>
<shortdesc lang="en">Records how it is called</shortdesc>
<parameters>
<parameter name="p">
<longdesc lang="en">A value passed through.</longdesc>
<shortdesc lang="en">p</shortdesc>
<content type="string"/>
</parameter>
<parameter name="q">
<longdesc lang="en">A value passed through.</longdesc>
<shortdesc lang="en">q</shortdesc>
<content type="string"/>
</parameter>
<parameter name="r">
<longdesc lang="en">A value passed through.</longdesc>
<shortdesc lang="en">r</shortdesc>
<content type="string"/>
</parameter>
<parameter name="nl">
<longdesc lang="en">A value passed through.</longdesc>
<shortdesc lang="en">nl</shortdesc>
<content type="string"/>
</parameter>
</parameters>
<actions>
<action name="start" timeout="60s"/>
<action name="stop" timeout="20s"/>
<action name="monitor" timeout="20s" interval="10s"/>
<action name="validate-all" timeout="20s"/>
<action name="meta-data" timeout="5s"/>
</actions>
</resource-agent>
XML
	exit 0
	;;
validate-all)
	exit 0
	;;
usage|help)
	echo "usage: $0 {start|stop|monitor|validate-all|meta-data}"
	exit 0
	;;
start)
	[ -f "$state" ] && exit 0
	case $KIND in
	daemon)
		# keeps this action's stdout and stderr open for 30 s
		sleep "30.$U" &
		echo $! >"$state.pid"
		;;
	slow)
		setsid sleep "40.$U" </dev/null >/dev/null 2>&1 &
		echo $! >"$state.pid"
		: >"$state"
		: >"$D/start.begun"
		sleep "20.$U"
		;;
	esac
	: >"$state"
	echo "$(date +%s%3N) end-start $$" >>"$D/calls"
	exit 0
	;;
stop)
	if [ -f "$state.pid" ]; then
		kill "$(cat "$state.pid")" 2>/dev/null
		rm -f "$state.pid"
	fi
	rm -f "$state"
	exit 0
	;;
monitor)
	[ -f "$state" ] && exit 0
	exit 7
	;;
'')
	echo "usage: $0 {start|stop|monitor|validate-all|meta-data}" >&2
	exit 2
	;;
*)
	exit 3
	;;
esac
EOF
	chmod 755 "$1/cli-agent"
}

# Reading the environments an agent recorded (NUL-separated, as in
# /proc/PID/environ).  mkrecs DIR turns each env.ACTION.PID into
# rec.ACTION.PID: one variable a line, any newline inside a value shown as
# \001, so that one grep over many files can match whole variables byte
# for byte.
mkrecs() {
	for f in "$1"/env.*; do
		[ -f "$f" ] || continue
		tr '\n\000' '\001\n' <"$f" >"$1/rec.${f##*/env.}"
	done
}

# calls DIR KIND: the rec files of the calls of KIND that a test agent
# recorded: all, meta (meta-data), nonmeta, monitor, other (neither
# meta-data nor monitor), start.
calls() {
	for f in "$1"/rec.*; do
		[ -f "$f" ] || continue
		a=${f##*/rec.}
		a=${a%.*}
		case $2:$a in
		all:*) ;;
		meta:meta-data) ;;
		nonmeta:meta-data) continue ;;
		nonmeta:*) ;;
		monitor:monitor) ;;
		other:meta-data | other:monitor) continue ;;
		other:*) ;;
		start:start) ;;
		*) continue ;;
		esac
		echo "$f"
	done
}

# lacking NAME=VALUE FILE...: the files in which NAME is not there exactly
# once with exactly VALUE (which may contain newlines).
lacking() {
	printf '%s' "$1" | tr '\n' '\001' >"$TMP/pattern"
	echo >>"$TMP/pattern"
	n=${1%%=*}
	shift
	grep -LxF -f "$TMP/pattern" "$@"
	grep -Hc "^$n=" "$@" | sed -n 's/:[02-9][0-9]*$//p; s/:1[0-9][0-9]*$//p'
}

# show_rec FILE: a recorded environment as TAP diagnostics.
show_rec() {
	diag "environment of ${1##*/rec.}:"
	tr '\001' '\n' <"$1" | cat -v | sed -e 's/^/#   /' -e 40q
}

# every DIR KIND DESCRIPTION BAD: one test over the calls of KIND, passing
# when there is at least one and BAD (a function given their rec files,
# printing those that fail) prints nothing.
every() {
	calls "$1" "$2" >"$TMP/set"
	desc=$3
	bad=$4
	if [ ! -s "$TMP/set" ]; then
		not_ok "$desc"
		diag "the agent recorded no call of kind '$2'"
		diag_run
		return
	fi
	# shellcheck disable=SC2046
	"$bad" $(cat "$TMP/set") | sort -u >"$TMP/bad"
	if [ ! -s "$TMP/bad" ]; then
		ok "$desc"
	else
		not_ok "$desc"
		diag "not so in $(wc -l <"$TMP/bad") of $(wc -l <"$TMP/set") calls"
		show_rec "$(head -n 1 "$TMP/bad")"
	fi
}

# some DIR KIND DESCRIPTION GOOD: passes when GOOD (a function given the
# rec files, printing those that pass) finds at least one call of KIND.
some() {
	calls "$1" "$2" >"$TMP/set"
	desc=$3
	good=$4
	# shellcheck disable=SC2046
	if [ -s "$TMP/set" ] && [ -n "$("$good" $(cat "$TMP/set"))" ]; then
		ok "$desc"
	else
		not_ok "$desc"
		diag "calls of kind '$2': $(wc -l <"$TMP/set")"
		[ -s "$TMP/set" ] && show_rec "$(head -n 1 "$TMP/set")"
		diag_run
	fi
}

# ---------------------------------------------------------------------
# Options and exit statuses

newcase opts
make_agent "$T" plain
AGENT=$T/cli-agent

oc 30 --help
verdict "--help exits 0" [ "$rc" = 0 ]
verdict "--help prints Usage on stdout" grep -q '^Usage: ' "$T/out"
verdict "--help prints nothing on stderr" [ ! -s "$T/err" ]

oc 30 --version
version_ok() {
	rc_is 0 && [ "$(lines "$T/out")" = 1 ] &&
	    grep -q '^ocf-check [0-9]' "$T/out"
}
verdict "--version exits 0 and prints one line: ocf-check VERSION" version_ok

# expect_usage DESCRIPTION ONE-LINE ARGS...: a usage error: exit status 2,
# nothing on stdout, a message on stderr (exactly one line when ONE-LINE
# is yes).
expect_usage() {
	desc=$1
	one=$2
	shift 2
	oc 60 "$@"
	if [ "$rc" = 2 ] && [ ! -s "$T/out" ] && [ -s "$T/err" ] &&
	    { [ "$one" != yes ] || [ "$(lines "$T/err")" = 1 ]; }; then
		ok "$desc"
	else
		not_ok "$desc"
		diag "ocf-check $*"
		diag_run
	fi
}

expect_usage "no agent: exit 2 and one line on stderr" yes
expect_usage "missing agent path: exit 2 and one line on stderr" yes \
    "$T/no/such/agent"
verdict "... and the line names the path" \
    grep -qF "$T/no/such/agent" "$T/err"
expect_usage "unknown option: exit 2" no --frobnicate "$AGENT"
expect_usage "-o without '=': exit 2" no -o novalue "$AGENT"
expect_usage "--absent without '=': exit 2" no --absent=novalue "$AGENT"
expect_usage "-o with a name that is no variable name: exit 2" no \
    -o bad-name=1 "$AGENT"
expect_usage "--timeout=bogus: exit 2" no --timeout=bogus "$AGENT"
expect_usage "--format=xml: exit 2" no --format=xml "$AGENT"
expect_usage "--list-checks with an agent: exit 2" no --list-checks "$AGENT"
expect_usage "--junit into a missing directory: exit 2 and one line" yes \
    --junit=/nonexistent/dir/x.xml "$AGENT"
verdict "usage errors leave nothing in TMPDIR" \
    dir_empty "$T/tmpdir"
verdict "usage errors never ran the agent" [ ! -e "$T/calls" ]

# --list-checks: "id severity title [source]", ids unique.
oc 30 --list-checks
verdict "--list-checks exits 0" [ "$rc" = 0 ]
list_format_ok() {
	[ -s "$T/out" ] && ! grep -Evq \
	    '^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+ +(error|warning|info) +[^ ].* \[[^]]+\]$' \
	    "$T/out"
}
list_unique() {
	[ -z "$(awk '{ print $1 }' "$T/out" | sort | uniq -d)" ]
}
verdict "--list-checks: every line is 'id severity title [source]'" \
    list_format_ok
verdict "--list-checks: no id twice" list_unique
for id in file.exists file.executable meta.rc-0 schema.rng11 \
    exec.unknown-action val.ok life.start-0 life.stop-0 probe.stopped-7 \
    clean.tester-cleans-up; do
	if grep -q "^$id " "$T/out"; then
		ok "--list-checks lists $id"
	else
		not_ok "--list-checks lists $id"
		diag "no line for $id among the $(lines "$T/out") listed"
	fi
done

# ---------------------------------------------------------------------
# An agent that is there but cannot be executed is the agent's failure
# (1), reported as file.executable, not a usage error (2).

newcase noexec
make_agent "$T" plain
chmod 644 "$T/cli-agent"
oc 120 -n t "$T/cli-agent"
verdict "agent of mode 644: exit 1, not 2" [ "$rc" = 1 ]
verdict "... and the output names file.executable" \
    grep -q 'file\.executable' "$T/out" "$T/err"

# ---------------------------------------------------------------------
# Parameters are data: values full of shell syntax reach the agent byte
# for byte, and nothing is ever evaluated.  The environment is built from
# scratch: nothing of the caller's leaks through.

newcase env
make_agent "$T" plain
D=$T
AGENT=$T/cli-agent
# shellcheck disable=SC2016
VP='$(touch X)'
# shellcheck disable=SC2016
VQ='a b "c" `touch Y` ; $HOME'
VR='x=y=z'
VNL='line1
line2'
# exec.documented-env-only adds the caller's environment on purpose: the
# "callerenv" case below tests it
(cd "$T/work" && env HOME=/root TERM=xterm LANG=en_US.UTF-8 \
    LC_CTYPE=C.UTF-8 LC_ALL=C __OCF_ACTION=bogus OCF_CHECK_TEST_LEAK="$U" \
    TMPDIR="$T/tmpdir" timeout -k 5 300 "$OCF_CHECK" -n t -o "p=$VP" \
    -o "q=$VQ" -o "r=$VR" -o "nl=$VNL" --skip exec.documented-env-only \
    "$AGENT" >"$T/out" 2>"$T/err" </dev/null)
rc=$?
mkrecs "$D"
verdict "a run with hostile -o values completes (exit 0 or 1)" rc_is 0 1
find "$TMP" \( -name X -o -name Y \) >"$T/found"
verdict "no -o value was run as a command (no file X or Y)" \
    [ ! -s "$T/found" ]

# param_exact NAME VALUE: some call got OCF_RESKEY_NAME exactly, and no
# call got it with another value.
param_exact() {
	desc="the agent got OCF_RESKEY_$1 byte for byte"
	calls "$D" nonmeta >"$TMP/set"
	# shellcheck disable=SC2046
	[ -s "$TMP/set" ] && grep -l "^OCF_RESKEY_$1=" $(cat "$TMP/set") \
	    >"$TMP/with"
	if [ ! -s "$TMP/with" ]; then
		not_ok "$desc"
		diag "no call had OCF_RESKEY_$1"
		diag_run
		return
	fi
	# shellcheck disable=SC2046
	lacking "OCF_RESKEY_$1=$2" $(cat "$TMP/with") | sort -u >"$TMP/bad"
	if [ ! -s "$TMP/bad" ]; then
		ok "$desc"
	else
		not_ok "$desc"
		diag "$(wc -l <"$TMP/bad") of $(wc -l <"$TMP/with") calls had another value"
		printf '%s\n' "$2" | cat -v | sed 's/^/# expected: /'
		sed -n "s/^OCF_RESKEY_$1=//p" "$(head -n 1 "$TMP/bad")" |
		    tr '\001' '\n' | cat -v | sed 's/^/# got:      /'
	fi
}
param_exact p "$VP"
param_exact q "$VQ"
param_exact r "$VR"
param_exact nl "$VNL"

# Functions for "every": print the rec files that fail.
bad_forbidden() {
	grep -lE '^(__OCF_ACTION|HOME|TERM)=' "$@"
}
bad_locale() {
	grep -lE '^(LANG|LANGUAGE|LC_[A-Z_]*)=' "$@"
}
bad_caller() {
	grep -lE '^(OCF_CHECK_TEST_LEAK|TMPDIR)=' "$@"
}
bad_path() {
	lacking "PATH=$PATH_OCF" "$@"
}
bad_version() {
	lacking OCF_RA_VERSION_MAJOR=1 "$@"
	lacking OCF_RA_VERSION_MINOR=1 "$@"
}
bad_root() {
	grep -L '^OCF_ROOT=.' "$@"
}
bad_type() {
	lacking OCF_RESOURCE_TYPE=cli-agent "$@"
	lacking OCF_RESOURCE_PROVIDER=heartbeat "$@"
}
bad_prefix() {
	lacking OCF_EXIT_REASON_PREFIX=ocf-exit-reason: "$@"
}
bad_marker() {
	grep -L '^OCF_CHECK_RUN=.' "$@"
}
bad_rsctmp() {
	grep -L "^HA_RSCTMP=$(re_quote "$T/tmpdir/")." "$@"
}
bad_debug() {
	grep -lE '^(HA_debug|OCF_TRACE_RA)=' "$@"
}
bad_meta_env() {
	lacking OCF_RESOURCE_INSTANCE=cli-agent "$@"
	grep -l '^OCF_RESKEY_' "$@"
}
bad_crm() {
	grep -LE '^OCF_RESKEY_CRM_meta_timeout=[1-9][0-9]*$' "$@"
	grep -L '^OCF_RESKEY_crm_feature_set=.' "$@"
	lacking "OCF_RESKEY_CRM_meta_on_node=$(uname -n)" "$@"
	grep -L '^OCF_RESKEY_CRM_meta_on_node_uuid=.' "$@"
}
bad_interval() {
	grep -lE '^OCF_RESKEY_CRM_meta_(interval|name)=' "$@"
}
# Functions for "some": print the rec files that pass.
good_instance() {
	grep -lx 'OCF_RESOURCE_INSTANCE=t' "$@"
}
good_probe() {
	grep -LE '^OCF_RESKEY_CRM_meta_(interval|name)=' "$@"
}
good_recurring() {
	with=$(grep -lE '^OCF_RESKEY_CRM_meta_interval=[1-9][0-9]*$' "$@")
	# shellcheck disable=SC2086
	[ -n "$with" ] && grep -lx 'OCF_RESKEY_CRM_meta_name=monitor' $with
}

every "$D" all "no __OCF_ACTION, HOME or TERM in any call" bad_forbidden
every "$D" all "no LANG or LC_* in any call" bad_locale
every "$D" all "nothing else of the caller's environment in any call" \
    bad_caller
every "$D" all "PATH is $PATH_OCF in every call" bad_path
every "$D" all "OCF_RA_VERSION_MAJOR=1 and _MINOR=1 in every call" bad_version
every "$D" all "OCF_ROOT in every call" bad_root
every "$D" all "OCF_RESOURCE_TYPE=cli-agent, OCF_RESOURCE_PROVIDER=heartbeat" \
    bad_type
every "$D" all "OCF_EXIT_REASON_PREFIX=ocf-exit-reason: in every call" \
    bad_prefix
every "$D" all "OCF_CHECK_RUN in every call" bad_marker
every "$D" nonmeta "HA_RSCTMP is a directory in TMPDIR (all but meta-data)" \
    bad_rsctmp
every "$D" all "no HA_debug or OCF_TRACE_RA without -d and -X" bad_debug
some "$D" start "OCF_RESOURCE_INSTANCE=t (-n) for start" good_instance
every "$D" meta "meta-data: instance is the type, no OCF_RESKEY_*" \
    bad_meta_env
every "$D" nonmeta "CRM_meta_timeout, crm_feature_set, CRM_meta_on_node(_uuid)" \
    bad_crm
some "$D" monitor "a probe: monitor with no CRM_meta_interval or _name" \
    good_probe
some "$D" monitor "a recurring monitor: CRM_meta_interval > 0, CRM_meta_name=monitor" \
    good_recurring
every "$D" other "no CRM_meta_interval or _name for actions but monitor" \
    bad_interval
verdict "the run left nothing in TMPDIR (HA_RSCTMP removed)" \
    dir_empty "$T/tmpdir"
# No state file (of any instance) in directory $1: everything stopped.
no_state() {
	for f in "$1"/state.*; do
		[ -e "$f" ] && return 1
	done
	return 0
}
verdict "the run left the resource stopped" no_state "$D"
procs_matching -F "$T/" >"$T/procs"
verdict "no process of the agent survived the run" [ ! -s "$T/procs" ]

# exec.documented-env-only: one probe and one validate-all get the caller's
# environment (not its OCF_ or HA_ variables, and its PATH); nothing else.
newcase callerenv
make_agent "$T" plain
(cd "$T/work" && env HOME=/root LANG=de_DE.UTF-8 CALLER_MARK="$U" \
    OCF_CHECK_TEST_LEAK="$U" HA_LOGFILE=/nonexistent \
    PATH="/opt/ocf-check-test:$PATH" \
    TMPDIR="$T/tmpdir" timeout -k 5 120 "$OCF_CHECK" -n t \
    --only exec.documented-env-only "$T/cli-agent" \
    >"$T/out" 2>"$T/err" </dev/null)
rc=$?
mkrecs "$T"
verdict "--only exec.documented-env-only passes on a plain agent" rc_is 0
good_caller() {
	grep -l "^CALLER_MARK=$U\$" "$@" |
	    xargs -r grep -lx 'HOME=/root' | xargs -r grep -lx 'LANG=de_DE.UTF-8' |
	    xargs -r grep -l '^PATH=/opt/ocf-check-test:'
}
some "$T" monitor "a probe gets HOME, LANG, the caller's PATH and the rest" \
    good_caller
validate_calls() {
	for f in "$T"/rec.validate-all.*; do
		[ -f "$f" ] && echo "$f"
	done
}
one_caller_validate() {
	# shellcheck disable=SC2046
	[ "$(good_caller $(validate_calls) | wc -l)" -eq 1 ]
}
verdict "exactly one validate-all gets the caller's environment" \
    one_caller_validate
bad_ours() {
	grep -lE '^(HA_LOGFILE|OCF_CHECK_TEST_LEAK)=' "$@"
}
every "$T" all "the caller's OCF_ and HA_ variables reach no call" bad_ours
count_caller() {
	# shellcheck disable=SC2046
	[ "$(grep -l "^CALLER_MARK=" $(calls "$T" all) | wc -l)" -eq 2 ]
}
verdict "exactly two calls get the caller's environment" count_caller

# The default run leaves the checks beyond what Pacemaker does to an agent
# to --thorough, and says so; --thorough, --only and --stable run them.
newcase thorough
make_agent "$T" plain
oc 120 -v -n t "$T/cli-agent"
verdict "a default run of a plain agent passes" rc_is 0
verdict "... and shows exec.stdin skipped, naming --thorough" \
    grep -q '^SKIP  exec\.stdin .*(runs with --thorough)$' "$T/out"
verdict "... and life.start-stable skipped, naming --stable too" \
    grep -q '^SKIP  life\.start-stable .*(runs with --thorough or --stable)$' "$T/out"
verdict "... and the summary counts what --thorough would add" \
    grep -q '^Summary: .* skipped ([1-9][0-9]* of them run with --thorough)' \
    "$T/out"
default_calls=$(wc -l <"$T/calls")
rm -f "$T/calls"
oc 120 -v --thorough -n t "$T/cli-agent"
verdict "--thorough: a plain agent passes" rc_is 0
verdict "... and exec.stdin and life.start-stable run and pass" \
    grep -q '^PASS  life\.start-stable ' "$T/out"
verdict "... and exec.stdin passes" grep -q '^PASS  exec\.stdin ' "$T/out"
verdict "... with more agent calls than the default run ($default_calls)" \
    [ "$(wc -l <"$T/calls")" -gt "$default_calls" ]
oc 120 -v --only=exec.stdin -n t "$T/cli-agent"
verdict "--only=exec.stdin runs it without --thorough" \
    grep -q '^PASS  exec\.stdin ' "$T/out"
oc 120 -v --stable=50ms -n t "$T/cli-agent"
verdict "--stable=50ms runs life.start-stable without --thorough" \
    grep -q '^PASS  life\.start-stable ' "$T/out"
verdict "... and not exec.stdin" grep -q '^SKIP  exec\.stdin ' "$T/out"
"$OCF_CHECK" --list-checks >"$T/out" 2>&1
verdict "--list-checks marks the --thorough checks" \
    grep -q '^exec\.stdin .* (--thorough) \[' "$T/out"

# -d and -X reach meta-data too; --meta-only starts nothing.
newcase debug
make_agent "$T" plain
oc 120 -d -X --meta-only "$T/cli-agent"
mkrecs "$T"
verdict "--meta-only -d -X completes (exit 0 or 1)" rc_is 0 1
bad_no_debug() {
	lacking HA_debug=1 "$@"
	lacking OCF_TRACE_RA=1 "$@"
}
every "$T" all "-d and -X: HA_debug=1 and OCF_TRACE_RA=1" bad_no_debug
no_start() {
	[ -z "$(calls "$T" start)" ]
}
verdict "--meta-only never runs start" no_start

# ---------------------------------------------------------------------
# A daemon that keeps the agent's stdout open delays nothing: an action
# ends when the agent exits (as in pacemaker-execd), not at end-of-file.

newcase daemon
make_agent "$T" daemon
t0=$(now_ms)
oc 120 -n d "$T/cli-agent"
elapsed=$(($(now_ms) - t0))
verdict "daemon holding stdout: the run completes (exit 0 or 1)" \
    rc_is 0 1
verdict "... well before the daemon's 30 s (took ${elapsed} ms)" \
    [ "$elapsed" -lt 25000 ]
# After every start, the next action begins within 2 s of its exit.
sort -n "$T/calls" 2>/dev/null | awk '
	$2 == "end-start" { t = $1; n++; next }
	t != "" { if ($1 - t > 2000) print "next action " $1 - t " ms after start"; t = "" }
	END { if (n == 0) print "start never ended" }' >"$T/gaps"
verdict "... and the next action follows each start within 2 s" \
    [ ! -s "$T/gaps" ]
[ -s "$T/gaps" ] && diag_file "$T/gaps"
procs_matching -E "^30\\.$U\$" >"$T/procs"
verdict "... and no daemon is left afterwards" [ ! -s "$T/procs" ]

# ---------------------------------------------------------------------
# SIGINT in the middle of a start: ocf-check kills the start, stops the
# resource, kills the daemon and exits 3, within seconds.

newcase sigint
make_agent "$T" slow
(cd "$T/work" && TMPDIR=$T/tmpdir exec timeout -k 5 120 "$OCF_CHECK" \
    -n s "$T/cli-agent" >"$T/out" 2>"$T/err" </dev/null) &
BGPID=$!
i=0
while [ ! -e "$T/start.begun" ] && [ "$i" -lt 600 ] && pid_running "$BGPID"
do
	sleep 0.1
	i=$((i + 1))
done
rc=running
if [ -e "$T/start.begun" ]; then
	ok "the slow start is running"
	sleep 1
	OCPID=$(child_of "$BGPID")
	t0=$(now_ms)
	kill -INT "${OCPID:-$BGPID}"
	i=0
	while pid_running "$BGPID" && [ "$i" -lt 300 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	elapsed=$(($(now_ms) - t0))
	if pid_running "$BGPID"; then
		kill -KILL "$BGPID" ${OCPID:+"$OCPID"} 2>/dev/null
	fi
	wait "$BGPID"
	rc=$?
	BGPID=
	verdict "SIGINT during start: ocf-check exits within 8 s (${elapsed} ms)" \
	    [ "$elapsed" -le 8000 ]
	verdict "... with status 3" [ "$rc" = 3 ]
	# give killed processes a moment to be reaped
	sleep 0.5
	procs_matching -E "^40\\.$U\$" >"$T/procs"
	verdict "... the agent's daemon is gone" [ ! -s "$T/procs" ]
	procs_matching -E "^20\\.$U\$" >"$T/procs"
	procs_matching -F "$T/cli-agent" >>"$T/procs"
	verdict "... the interrupted start is gone" [ ! -s "$T/procs" ]
	verdict "... the resource was stopped (state file removed by stop)" \
	    no_state "$T"
	stop_after_start() {
		sed -n '/ start /,$p' "$T/calls" | grep -q ' stop '
	}
	verdict "... stop ran after the interrupted start" stop_after_start
	verdict "... and nothing is left in TMPDIR" \
	    dir_empty "$T/tmpdir"
else
	not_ok "the slow start is running"
	diag "ocf-check never reached start (or ended first)"
	if pid_running "$BGPID"; then
		for p in $(child_of "$BGPID") "$BGPID"; do
			kill -KILL "$p" 2>/dev/null
		done
	fi
	wait "$BGPID"
	rc=$?
	BGPID=
	diag_run
fi

echo "1..$TESTNUM"
exit 0
