#!/bin/sh
# shellcheck disable=SC2317 # functions below are run through expect_rc
# Tests of the stateless reference agent, action by action: meta-data,
# validate-all's exit codes, the start/monitor/stop life cycle, and state
# kept per instance.

. "$(dirname "$0")/lib.sh"

setup
A=$(agent_path stateless)
S=$TMP/state

# The agent, as instance $1 with statedir $S, running action $2.
sl() {
	OCF_RESOURCE_INSTANCE=$1 OCF_RESKEY_statedir=$S "$A" "$2"
}

check_agent_basics "$A" stateless
for action in promote demote notify migrate_to reload; do
	expect_rc 3 "$action is not supported: exit 3" sl rsc "$action"
done

expect_rc 0 "validate-all accepts a good configuration" sl rsc validate-all
expect_rc 0 "validate-all accepts statedir unset (default /run/ocf-check)" \
    env OCF_RESOURCE_INSTANCE=rsc "$A" validate-all
expect_rc 6 "validate-all: relative statedir is 6 (not configured)" \
    env OCF_RESKEY_statedir=relative/dir "$A" validate-all
check "... with an exit reason" grep -q '^ocf-exit-reason:.*absolute' \
    "$TMP/err"
: >"$TMP/plainfile"
expect_rc 2 "validate-all: statedir that is a file is 2 (invalid here)" \
    env OCF_RESKEY_statedir="$TMP/plainfile" "$A" validate-all
expect_rc 6 "start validates: relative statedir is 6" \
    env OCF_RESKEY_statedir=relative/dir "$A" start
expect_rc 7 "monitor with a relative statedir: not running" \
    env OCF_RESKEY_statedir=relative/dir "$A" monitor
expect_rc 0 "stop with a relative statedir: nothing to stop" \
    env OCF_RESKEY_statedir=relative/dir "$A" stop

expect_rc 7 "monitor before start: 7" sl rsc monitor
expect_rc 7 "probe before start: 7" \
    env OCF_RESKEY_CRM_meta_interval=0 OCF_RESOURCE_INSTANCE=rsc \
    OCF_RESKEY_statedir="$S" "$A" monitor
expect_rc 0 "start: 0 (creates the missing statedir)" sl rsc start
check "start prints nothing on stdout" test ! -s "$TMP/out"
expect_rc 0 "monitor right after start: 0" sl rsc monitor
expect_rc 0 "start again: 0" sl rsc start
expect_rc 0 "monitor: still 0" sl rsc monitor
check "one state file, named after the instance" \
    test "$(ls "$S")" = stateless-rsc.state

expect_rc 7 "another instance is not running" sl other monitor
expect_rc 0 "start instance rsc:0" sl rsc:0 start
expect_rc 0 "start instance rsc_0" sl rsc_0 start
expect_rc 0 "start instance a/b" sl a/b start
check "each instance has its own file inside statedir" \
    test "$(find "$TMP" -name 'stateless-*' | wc -l)" -eq 4
check "... and none escapes it" test "$(find "$S" -type f | wc -l)" -eq 4
expect_rc 0 "stop rsc:0" sl rsc:0 stop
expect_rc 7 "rsc:0 is stopped" sl rsc:0 monitor
expect_rc 0 "rsc_0 still runs" sl rsc_0 monitor
expect_rc 0 "rsc still runs" sl rsc monitor
expect_rc 0 "stop rsc_0" sl rsc_0 stop
expect_rc 0 "stop a/b" sl a/b stop

expect_rc 0 "stop: 0" sl rsc stop
check "stop prints nothing on stdout" test ! -s "$TMP/out"
expect_rc 7 "monitor after stop: 7" sl rsc monitor
expect_rc 0 "stop again: 0" sl rsc stop
expect_rc 7 "monitor: still 7" sl rsc monitor
check "stop leaves no files behind" test -z "$(ls "$S")"
expect_rc 7 "monitor ignores extra arguments" \
    env OCF_RESOURCE_INSTANCE=rsc OCF_RESKEY_statedir="$S" "$A" monitor x y

# After a reboot, the state directory (under /run) is empty again.
expect_rc 0 "start once more" sl rsc start
rm -rf "$S"
expect_rc 7 "statedir emptied (as by a reboot): monitor 7" sl rsc monitor
expect_rc 0 "... and stop 0" sl rsc stop

finish
