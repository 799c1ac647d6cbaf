#!/bin/sh
# shellcheck disable=SC2317 # functions below are run through expect_rc
# resource-agents' ocf-tester says "passed all tests" for every reference
# agent.  ocf-tester does not always clean up after itself (it can leave a
# resource running), so each agent is stopped afterwards.  Skipped when
# ocf-tester is not installed.

. "$(dirname "$0")/lib.sh"

TESTER=${OCF_TESTER:-/usr/sbin/ocf-tester}
[ -x "$TESTER" ] || skip_all "ocf-tester is not installed ($TESTER)"
if [ ! -f "$(agent_path greeter)" ] || [ ! -x "$GREETERD" ]; then
	skip_all "greeter or ocf-greeterd not built (run make)"
fi

RUN=
cleanup() {
	for a in $RUN; do
		stop_instance "ocft-$a" "$a" >/dev/null 2>&1
	done
}
setup
PORT=$(free_port) || skip_all "no free TCP port found"

# tester AGENT [-o NAME=VALUE...]: ocf-tester with those parameters, plus a
# private statedir; then stop the agent.
tester() {
	a=$1
	shift
	mkdir -p "$TMP/$a"
	RUN=$a
	timeout 300 "$TESTER" -n "ocft-$a" -o statedir="$TMP/$a" "$@" \
	    "$(agent_path "$a")" >"$TMP/$a.log" 2>&1 </dev/null
	rc=$?
	if grep -q "passed all tests" "$TMP/$a.log"; then
		ok "$a: ocf-tester passed all tests"
	else
		not_ok "$a: ocf-tester passed all tests"
		diag "ocf-tester exited $rc"
		diag_file "$TMP/$a.log"
	fi
	expect_rc 0 "$a: stop after ocf-tester: 0" stop_instance "ocft-$a" "$a"
	RUN=
}

tester stateless
tester promotable
tester greeter -o port="$PORT" -o daemon="$GREETERD"
finish
