#!/bin/sh
# shellcheck disable=SC2317 # functions below are run through expect_rc
# The installed agents work with Pacemaker's own executor outside a
# cluster: crm_resource --validate, --force-start, --force-check,
# --force-promote, --force-demote and --force-stop give the agents' exit
# codes.  crm_resource only searches its compiled-in OCF directory, so the
# test re-runs itself in a private mount namespace (unshare -m) where a
# copy of the build's agents is bind-mounted over that directory; nothing
# outside the namespace sees it.  Skipped when not root or when
# crm_resource or unshare is missing.

. "$(dirname "$0")/lib.sh"

RA_DIR=${OCF_RA_DIR:-/usr/lib/ocf/resource.d}

if [ -z "${OCF_CHECK_IN_NAMESPACE:-}" ]; then
	[ "$(id -u)" = 0 ] || skip_all "needs root for a private mount namespace"
	PATH=$PATH:/usr/sbin:/sbin
	command -v crm_resource >/dev/null 2>&1 ||
	    skip_all "crm_resource is not installed"
	command -v unshare >/dev/null 2>&1 || skip_all "unshare is not installed"
	[ -d "$RA_DIR" ] || skip_all "no $RA_DIR to mount over"
	unshare -m true 2>/dev/null ||
	    skip_all "cannot create a mount namespace here"
	if [ ! -f "$(agent_path greeter)" ] || [ ! -x "$GREETERD" ]; then
		skip_all "greeter or ocf-greeterd not built (run make)"
	fi
	OCF_CHECK_IN_NAMESPACE=1 exec unshare -m sh "$0" "$@"
	echo "Bail out! cannot run unshare"
	exit 1
fi

# From here on, in the private mount namespace.
STARTED=
cleanup() {
	for a in $STARTED; do
		crm "$a" --force-stop >/dev/null 2>&1
	done
}
setup
S=$TMP/state
PORT=$(free_port) || skip_all "no free TCP port found"
mkdir -p "$TMP/resource.d/ocf-check"
for a in stateless promotable greeter; do
	cp "$(agent_path $a)" "$TMP/resource.d/ocf-check/$a"
	chmod 755 "$TMP/resource.d/ocf-check/$a"
done
if ! mount -n --bind "$TMP/resource.d" "$RA_DIR"; then
	echo "Bail out! cannot bind-mount over $RA_DIR"
	exit 1
fi

# crm AGENT OPTIONS...: crm_resource on agent ocf:ocf-check:AGENT with its
# test parameters (the greeter's daemon is the one in the build tree).
crm() {
	a=$1
	shift
	if [ "$a" = greeter ]; then
		set -- --option port="$PORT" --option daemon="$GREETERD" "$@"
	fi
	# A later --option of the same name wins.
	set -- --class ocf --provider ocf-check --agent "$a" \
	    --option statedir="$S" "$@"
	timeout 60 crm_resource "$@"
}

for a in stateless promotable greeter; do
	expect_rc 0 "$a: crm_resource --validate: 0" crm $a --validate
	expect_rc 7 "$a: --force-check before start: 7" crm $a --force-check
	STARTED="$STARTED $a"
	expect_rc 0 "$a: --force-start: 0" crm $a --force-start
	expect_rc 0 "$a: --force-check: 0" crm $a --force-check
	expect_rc 0 "$a: --force-start again: 0" crm $a --force-start
done

expect_rc 6 "stateless: --validate with a relative statedir: 6" \
    crm stateless --validate --option statedir=relative

expect_rc 0 "promotable: --force-promote: 0" crm promotable --force-promote
expect_rc 8 "promotable: --force-check when promoted: 8" \
    crm promotable --force-check
expect_rc 0 "promotable: --force-demote: 0" crm promotable --force-demote
expect_rc 0 "promotable: --force-check when demoted: 0" \
    crm promotable --force-check

expect_rc 6 "greeter: --validate with port abc: 6" \
    crm greeter --validate --option port=abc
expect_rc 5 "greeter: --validate with a missing daemon: 5" \
    crm greeter --validate --option daemon="$TMP/no-such-daemon"
expect_rc 0 "greeter: the port greets (check level 10): 0" \
    crm greeter --force-check --option OCF_CHECK_LEVEL=10
expect_rc 1 "greeter: check level 10 with another greeting: 1" \
    crm greeter --force-check --option OCF_CHECK_LEVEL=10 --option greet=Bye
pid=
[ -f "$S/greeter-test.pid" ] && read -r pid <"$S/greeter-test.pid"
if [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null; then
	wait_pid_gone "$pid" 5
	expect_rc 1 "greeter: --force-check after SIGKILL: 1" \
	    crm greeter --force-check
else
	not_ok "greeter: --force-check after SIGKILL: 1"
	diag "no daemon pid in $S/greeter-test.pid"
fi

for a in stateless promotable greeter; do
	expect_rc 0 "$a: --force-stop: 0" crm $a --force-stop
	expect_rc 7 "$a: --force-check after stop: 7" crm $a --force-check
	expect_rc 0 "$a: --force-stop again: 0" crm $a --force-stop
done
STARTED=

finish
