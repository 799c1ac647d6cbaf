#!/bin/sh
# shellcheck disable=SC2317 # functions below are run through expect_rc
# Tests of the greeter reference agent with its real daemon on 127.0.0.1:
# validate-all's exit codes, a start that waits for the greeting, a monitor
# that notices a crash (SIGKILL) and a wrong greeting, a stop that escalates
# from TERM to KILL, and instances that do not share state.

. "$(dirname "$0")/lib.sh"

A=$(agent_path greeter)
INSTANCES=
cleanup() {
	for i in $INSTANCES; do
		gr stop "${i%%/*}" OCF_RESKEY_port="${i#*/}" >/dev/null 2>&1
	done
	for p in $PIDS; do
		kill -KILL "$p" 2>/dev/null
	done
}
PIDS=
setup
S=$TMP/state

# gr ACTION [INSTANCE [NAME=VALUE...]]: run the agent with the daemon from
# the build tree, statedir $S and port $PORT unless overridden.
gr() {
	action=$1
	inst=${2:-grt}
	shift
	[ $# -gt 0 ] && shift
	env OCF_RESOURCE_INSTANCE="$inst" OCF_RESKEY_port="$PORT" \
	    OCF_RESKEY_daemon="$GREETERD" OCF_RESKEY_statedir="$S" \
	    OCF_RESKEY_greet="$GREET" OCF_RESKEY_CRM_meta_timeout=20000 \
	    "$@" "$A" "$action"
}

# The pid in instance $1's pid file.
pid_of() {
	p=
	f=$S/greeter-$1.pid
	[ -f "$f" ] && read -r p <"$f"
	echo "$p"
}

if [ ! -f "$A" ] || [ ! -x "$GREETERD" ]; then
	skip_all "greeter or ocf-greeterd not built (run make)"
fi
PORT=$(free_port) || skip_all "no free TCP port found"
GREET="Hello from ocf-check, test $$"

check_agent_basics "$A" greeter
sed -n '/<parameter name="port"/,/<\/parameter>/p' "$TMP/meta.xml" \
    >"$TMP/port.xml"
check "meta-data: port is required" \
    grep -qx '<parameter name="port" required="1">' "$TMP/port.xml"
check "meta-data: port is an integer without a default" \
    grep -qx '<content type="integer"/>' "$TMP/port.xml"
check "meta-data: ip defaults to 127.0.0.1" \
    grep -q '<content type="string" default="127.0.0.1"/>' "$TMP/meta.xml"
check "meta-data: a monitor of depth 10 is advertised" \
    grep -q '<action name="monitor" .*depth="10"' "$TMP/meta.xml"
check "the daemon's default path is filled in" \
    test -z "$(grep -F '@GREETERD@' "$A")"
for action in promote demote notify migrate_to reload; do
	expect_rc 3 "$action is not supported: exit 3" gr "$action"
done

# validate-all
expect_rc 0 "validate-all accepts a good configuration" gr validate-all
expect_rc 6 "validate-all: port missing is 6" \
    gr validate-all grt OCF_RESKEY_port=
check "... with an exit reason" grep -q '^ocf-exit-reason:.*port' "$TMP/err"
for bad in abc 0 65536 -1 8080x 99999999; do
	expect_rc 6 "validate-all: port '$bad' is 6" \
	    gr validate-all grt OCF_RESKEY_port="$bad"
done
for bad in localhost 1.2.3 1.2.3.256 01.2.3.4 '1.2.3.4 ' 'fe80::1%eth0'; do
	expect_rc 6 "validate-all: ip '$bad' is 6" \
	    gr validate-all grt OCF_RESKEY_ip="$bad"
done
expect_rc 0 "validate-all accepts ip ::1" \
    gr validate-all grt OCF_RESKEY_ip=::1
expect_rc 6 "validate-all: a greeting of two lines is 6" \
    gr validate-all grt OCF_RESKEY_greet="two
lines"
expect_rc 6 "validate-all: relative pidfile is 6" \
    gr validate-all grt OCF_RESKEY_pidfile=rel.pid
expect_rc 0 "validate-all: the default daemon (the build's) is there" \
    gr validate-all grt OCF_RESKEY_daemon=
expect_rc 5 "validate-all: missing daemon is 5 (not installed)" \
    gr validate-all grt OCF_RESKEY_daemon="$TMP/no-such-daemon"
check "... with an exit reason" grep -q '^ocf-exit-reason:.*installed' \
    "$TMP/err"
hostile="\$(touch $TMP/pwned) \`touch $TMP/pwned\`; '\" \$((1/0))"
expect_rc 0 "validate-all: greetings are data, never code" \
    gr validate-all grt OCF_RESKEY_greet="$hostile"
check "... nothing was executed" test ! -e "$TMP/pwned"

# Life cycle
INSTANCES="grt/$PORT"
expect_rc 7 "monitor before start: 7" gr monitor
expect_rc 7 "probe before start: 7" \
    gr monitor grt OCF_RESKEY_CRM_meta_interval=0
expect_rc 7 "probe with the daemon missing: 7" \
    gr monitor grt OCF_RESKEY_daemon="$TMP/no-such-daemon"
expect_rc 6 "start without a port: 6" gr start grt OCF_RESKEY_port=
expect_rc 7 "... and nothing runs" gr monitor
expect_rc 0 "stop after the failed start: 0" gr stop grt OCF_RESKEY_port=
expect_rc 0 "start: 0" gr start
check "start prints nothing on stdout" test ! -s "$TMP/out"
pid=$(pid_of grt)
PIDS=$pid
check "the pid file names a running process" pid_running "$pid"
expect_rc 0 "right after start the port greets (monitor depth 10): 0" \
    gr monitor grt OCF_CHECK_LEVEL=10
expect_rc 0 "monitor: 0" gr monitor
expect_rc 0 "probe: 0" gr monitor grt OCF_RESKEY_CRM_meta_interval=0
expect_rc 0 "a client reads the configured greeting" \
    "$GREETERD" --probe -t 5 -g "$GREET" 127.0.0.1 "$PORT"
expect_rc 0 "monitor at the unadvertised depth 20 acts as depth 10" \
    gr monitor grt OCF_CHECK_LEVEL=20
expect_rc 1 "monitor depth 10 notices a wrong greeting: 1" \
    gr monitor grt OCF_CHECK_LEVEL=10 OCF_RESKEY_greet=Goodbye
check "... with an exit reason" grep -q '^ocf-exit-reason:.*greet' "$TMP/err"
expect_rc 0 "monitor depth 0 does not talk to the port" \
    gr monitor grt OCF_CHECK_LEVEL=0 OCF_RESKEY_greet=Goodbye
expect_rc 0 "start again: 0" gr start
check "... and the same daemon still runs" test "$(pid_of grt)" = "$pid"

# A second instance on another port, in parallel
PORT2=$(free_port)
while [ "$PORT2" = "$PORT" ]; do
	PORT2=$(free_port)
done
INSTANCES="$INSTANCES grt:1/$PORT2"
expect_rc 7 "instance grt:1 is not running" \
    gr monitor grt:1 OCF_RESKEY_port="$PORT2"
expect_rc 0 "start instance grt:1 on another port" \
    gr start grt:1 OCF_RESKEY_port="$PORT2"
check "it has its own pid file" test -f "$S/greeter-grt%3A1.pid"
expect_rc 0 "stop instance grt:1" gr stop grt:1 OCF_RESKEY_port="$PORT2"
expect_rc 0 "instance grt still runs" gr monitor grt OCF_CHECK_LEVEL=10

# Crash: the daemon is killed behind the agent's back.
kill -KILL "$pid"
wait_pid_gone "$pid" 5
expect_rc 1 "after SIGKILL monitor notices: 1 (failed, not cleanly stopped)" \
    gr monitor
check "... with an exit reason" grep -q '^ocf-exit-reason:.*crash' "$TMP/err"
expect_rc 1 "... so does a probe" gr monitor grt OCF_RESKEY_CRM_meta_interval=0
expect_rc 0 "stop after the crash: 0" gr stop
check "stop removed the stale pid file" test ! -e "$S/greeter-grt.pid"
expect_rc 7 "monitor after stop: 7" gr monitor

# A pid file naming some other live process: not ours, never killed.
sleep 30 &
other=$!
PIDS="$PIDS $other"
echo "$other" >"$S/greeter-grt.pid"
expect_rc 1 "a pid file naming another process: monitor 1" gr monitor
expect_rc 0 "stop: 0" gr stop
check "... and the other process was left alone" pid_running "$other"
kill "$other"
wait "$other" 2>/dev/null

# Stop escalates to KILL when TERM does not work (a stopped process keeps
# TERM pending), and waits until the process is gone.
expect_rc 0 "start again after the crash: 0" gr start
pid=$(pid_of grt)
PIDS="$PIDS $pid"
kill -STOP "$pid"
t0=$(date +%s)
expect_rc 0 "stop of a daemon that ignores TERM: 0" \
    gr stop grt OCF_RESKEY_CRM_meta_timeout=8000
t1=$(date +%s)
check "... it logged the escalation to KILL" grep -q KILL "$TMP/err"
check "... the process is gone when stop returns" eval "! pid_running $pid"
check "... within the action's timeout (8 s)" test "$((t1 - t0))" -lt 8
expect_rc 7 "monitor: 7" gr monitor

# A port that is taken: start fails, and leaves nothing behind.
"$GREETERD" -f -g squatter 127.0.0.1 "$PORT" </dev/null >/dev/null 2>&1 &
squatter=$!
PIDS="$PIDS $squatter"
wait_greeting "$PORT"
expect_rc 1 "start on a port in use: 1" gr start
check "... with an exit reason" grep -q '^ocf-exit-reason:.*in use' "$TMP/err"
check "... no pid file is left" test ! -e "$S/greeter-grt.pid"
expect_rc 7 "... monitor 7" gr monitor
expect_rc 0 "... stop 0" gr stop
kill "$squatter"
wait "$squatter"

expect_rc 0 "stop again: 0" gr stop
check "no files are left behind" test -z "$(ls "$S")"

finish
