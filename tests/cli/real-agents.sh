#!/bin/sh
# tests/cli/real-agents.sh: the agents Pacemaker and resource-agents ship as
# their own examples pass ocf-check (TAP): heartbeat:Dummy,
# pacemaker:Dummy and pacemaker:Stateful, when installed.  Each must exit 0
# with no FAIL, ERROR or WARN line in the -v report, except the warnings
# listed below with the reason the agent earns them; INFO lines are fine.
# Each runs twice, as a default run and with --thorough, on its own state
# files in a private directory; nothing of it may be left running afterwards.

: "${TOP_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${OCF_CHECK:=$TOP_SRCDIR/ocf-check}"
: "${OCF_RA_DIR:=/usr/lib/ocf/resource.d}"
. "$TOP_SRCDIR/tests/tap.sh"
LC_ALL=C
export LC_ALL

[ -x "$OCF_CHECK" ] || skip_all "no ocf-check at $OCF_CHECK"
tmp=$(tap_mktemp real)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"

# agent, then the warnings it is known to earn (ids), after a colon.
# Stateful's stop returns OCF_RUNNING_PROMOTED (8) for a promoted instance
# ("CRM Error - Should never happen"): Pacemaker always demotes first, but
# stop is a force operation (ocf-rules 1.10 role.stop-promoted, a warning).
agents="heartbeat/Dummy: pacemaker/Dummy: pacemaker/Stateful:role.stop-promoted"

echo "1..6"
for mode in default --thorough; do
	opt=
	[ "$mode" = default ] || opt=$mode
	for entry in $agents; do
		a=${entry%%:*}
		allowed=$(echo "${entry#*:}" | tr ',' ' ')
		name=$(echo "$a" | tr / -)$opt
		if [ ! -x "$OCF_RA_DIR/$a" ]; then
			skip "$a is not installed in $OCF_RA_DIR ($mode)"
			continue
		fi
		# every one of them takes its state file as 'state', unique per instance
		# shellcheck disable=SC2086 # $opt: one option, or nothing
		"$OCF_CHECK" -v --color=never $opt -o "state=$tmp/$name.state" \
		    -O "state=$tmp/$name-b.state" "$OCF_RA_DIR/$a" >"$tmp/$name.out" 2>&1 </dev/null
		rc=$?
		bad=$(awk '$1 ~ /^(FAIL|ERROR|WARN)$/ { print $2 }' "$tmp/$name.out" |
		    while read -r id; do
			case " $allowed " in *" $id "*) ;; *) echo "$id" ;; esac
		    done)
		left=$(grep -lsF "$tmp/" /proc/[0-9]*/environ 2>/dev/null |
		    sed 's|^/proc/\([0-9]*\)/.*|\1|')
		if [ "$rc" = 0 ] && [ -z "$bad" ] && [ -z "$left" ]; then
			ok "$a passes ($mode)"
		else
			not_ok "$a passes ($mode)"
			[ "$rc" = 0 ] || diag "ocf-check exited $rc"
			[ -z "$bad" ] || diag "unexpected: $(echo $bad)"
			for pid in $left; do
				diag "left running: pid $pid"
				kill -KILL "$pid" 2>/dev/null
			done
			diag_file "$tmp/$name.out"
			grep -E -A4 '^(FAIL|ERROR|WARN) ' "$tmp/$name.out" | sed 's/^/# /'
		fi
	done
done
[ "$FAILED" -eq 0 ]
