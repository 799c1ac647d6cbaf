#!/bin/sh
# shellcheck disable=SC2317 # functions below are run through expect_rc
# ocf-check --strict passes on every reference agent.  While ocf-check is
# not built yet, or does not know --strict yet, the checks are skipped
# with that reason; once it does, they are real.  Each agent is stopped
# afterwards in case a run was cut short.

. "$(dirname "$0")/lib.sh"

RUN=
cleanup() {
	for a in $RUN; do
		stop_instance "ocfcheck-$a" "$a" >/dev/null 2>&1
	done
	kill_daemons_of "$TMP"
}
setup
PORT=$(free_port) || skip_all "no free TCP port found"

WHY=
HELP=
if [ ! -x "${OCF_CHECK:-}" ]; then
	WHY="ocf-check not built yet"
else
	HELP=$("$OCF_CHECK" --help 2>&1)
	case $HELP in
	*--strict*) ;;
	*) WHY="ocf-check does not support --strict yet" ;;
	esac
fi

# Options of ocf-check used when it has them: the provider the agents are
# installed under, the opt-in check that values are never run as shell,
# every check beyond the default run (--thorough), and the greeter's
# second instance (multi.* checks) on a port of its own.
OPTS=
case $HELP in
*--provider*) OPTS=--provider=ocf-check ;;
esac
case $HELP in
*--hostile-values*) OPTS="$OPTS --hostile-values" ;;
esac
case $HELP in
*--thorough*) OPTS="$OPTS --thorough" ;;
esac
PORT2=$(free_port)
while [ "$PORT2" = "$PORT" ]; do
	PORT2=$(free_port)
done
SECOND_PORT=
case $HELP in
*"-O name=value"*) SECOND_PORT="-O port=$PORT2" ;;
esac
SECOND=

# run_check AGENT [-o NAME=VALUE...]: ocf-check --strict with a private
# statedir and those parameters must exit 0.
run_check() {
	a=$1
	shift
	if [ -n "$WHY" ]; then
		skip "$a: $WHY"
		return
	fi
	mkdir -p "$TMP/$a"
	RUN=$a
	# shellcheck disable=SC2086 # $OPTS and $SECOND: options, or ""
	timeout 600 "$OCF_CHECK" --strict $OPTS -n "ocfcheck-$a" \
	    -o statedir="$TMP/$a" "$@" $SECOND "$(agent_path "$a")" \
	    >"$TMP/$a.log" 2>&1 </dev/null
	rc=$?
	if [ "$rc" -eq 0 ]; then
		ok "$a: ocf-check --strict passes"
	else
		not_ok "$a: ocf-check --strict passes"
		diag "ocf-check exited $rc: $OCF_CHECK --strict $OPTS" \
		    "-n ocfcheck-$a -o statedir=$TMP/$a $* $SECOND" \
		    "$(agent_path "$a")"
		sed -e 's/^/# /' "$TMP/$a.log"
	fi
	expect_rc 0 "$a: stop afterwards: 0" stop_instance "ocfcheck-$a" "$a"
	expect_rc 7 "$a: and it is stopped" \
	    env OCF_RESOURCE_INSTANCE="ocfcheck-$a" OCF_RESKEY_statedir="$TMP/$a" \
	    OCF_RESKEY_port="$PORT" OCF_RESKEY_daemon="$GREETERD" \
	    "$(agent_path "$a")" monitor
	RUN=
}

run_check stateless
run_check promotable
SECOND=$SECOND_PORT
run_check greeter -o port="$PORT" -o daemon="$GREETERD"
finish
