#!/bin/sh
# tests/cli/report-tap.sh: ocf-check --tap is accepted by prove and by
# automake's tap-driver.sh, for a passing agent and for a broken one whose
# output imitates TAP; the verdicts match; --strict and the text format
# agree with the stream.  TAP on stdout; exits 0.

. "${TOP_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/report-lib.sh"

DRIVER=$TOP_SRCDIR/build-aux/tap-driver.sh

# The stream itself: version, plan, numbers 1..N in order, nothing else
# at column 0 but comments, and no bail-out.
stream_ok() {
	n=$(sed -n '2s/^1\.\.\([0-9]*\)$/\1/p' "$1")
	[ "$(sed -n 1p "$1")" = "TAP version 13" ] && [ -n "$n" ] &&
	[ "$(count "$1" '^(not )?ok ')" -eq "$n" ] &&
	[ "$(grep -E '^(not )?ok ' "$1" | awk '$1 == "ok" { print $2; next }
	    { print $3 }' | awk '$1 != NR' | wc -l)" -eq 0 ] &&
	[ "$(count "$1" '^[ 	]*Bail out!')" -eq 0 ] &&
	[ "$(grep -Evc '^(#|  |(not )?ok |1\.\.|TAP version)' "$1")" -eq 0 ]
}

# prove's verdict on a TAP script: PASS, or the failed test numbers.
prove_verdict() {
	prove -e /bin/sh "$1" >"$1.prove" 2>&1
	if grep -q 'Parse errors' "$1.prove"; then
		echo "parse errors"
	elif grep -q '^Result: PASS' "$1.prove"; then
		echo PASS
	else
		sed -n 's/^ *Failed tests: *//p' "$1.prove"
	fi
}

# The failed numbers of a stream, as prove prints them ("3, 7-9").
ranges() {
	tap_failed "$1" | awk '
		function flush() { if (s == "") return
			out = out (out == "" ? "" : ", ") s (e != s ? "-" e : "") }
		$1 == e + 1 && s != "" { e = $1; next }
		{ flush(); s = e = $1 }
		END { flush(); print out }'
}

# tap-driver.sh's results: "<global> PASS=n FAIL=n SKIP=n ERROR=n".
driver_verdict() {
	name=$1
	shift
	env AM_TAP_AWK=awk sh "$DRIVER" --test-name "$name" \
	    --log-file "$T/$name.log" --trs-file "$T/$name.trs" "$@" \
	    >/dev/null 2>&1
	printf '%s' "$(sed -n 's/^:global-test-result: //p' "$T/$name.trs")"
	for r in PASS FAIL SKIP ERROR; do
		printf ' %s=%s' $r "$(count "$T/$name.trs" "^:test-result: $r")"
	done
	echo
}

# --- the passing agent -------------------------------------------------
if [ -n "$PASS_AGENT" ]; then
	run pass --tap -o "$PASS_PARAM" "$PASS_AGENT"
	check "a passing agent exits 0 with --tap" [ "$(cat "$T/pass.rc")" = 0 ]
	if stream_ok "$T/pass.out"; then
		ok "its TAP stream is well-formed"
	else
		not_ok "its TAP stream is well-formed"
		diag_file "$T/pass.out"
	fi
	tap_script "$T/pass.t" -o "$PASS_PARAM" "$PASS_AGENT"
	v=$(prove_verdict "$T/pass.t")
	check "prove passes it (got: $v)" [ "$v" = PASS ]
	if [ -f "$DRIVER" ]; then
		n=$(sed -n '2s/^1\.\.//p' "$T/pass.out")
		s=$(count "$T/pass.out" '^ok .* # SKIP ')
		v=$(driver_verdict pass -- /bin/sh "$T/pass.t")
		check "tap-driver.sh passes it (got: $v)" \
		    [ "$v" = "PASS PASS=$((n - s)) FAIL=0 SKIP=$s ERROR=0" ]
	else
		skip "tap-driver.sh passes it: no build-aux/tap-driver.sh"
	fi
else
	for d in "exits 0" "well-formed" "prove" "tap-driver.sh"; do
		skip "passing agent: $d: agents/stateless is missing"
	done
fi

# --- the broken, hostile agent -----------------------------------------
run broken --tap "$BROKEN"
check "a failing agent exits 1 with --tap" [ "$(cat "$T/broken.rc")" = 1 ]
if stream_ok "$T/broken.out" && [ "$(count "$T/broken.out" '^not ok')" -gt 0 ]
then
	ok "its TAP stream is well-formed despite the agent's output"
else
	not_ok "its TAP stream is well-formed despite the agent's output"
	diag_file "$T/broken.out" 80
fi
check "the agent's output reached the YAML blocks, escaped" \
    grep -q '^    - "Bail out! fake"$' "$T/broken.out"
nfail=$(count "$T/broken.out" '^not ok')
check "every failure has one YAML block" [ "$nfail" -eq \
    "$(count "$T/broken.out" '^  ---$')" -a "$nfail" -eq \
    "$(count "$T/broken.out" '^  \.\.\.$')" ]
tap_script "$T/broken.t" "$BROKEN"
v=$(prove_verdict "$T/broken.t")
want=$(ranges "$T/broken.out")
check "prove fails exactly the not-ok tests (got: $v; want: $want)" \
    [ "$v" = "$want" ]
if [ -f "$DRIVER" ]; then
	n=$(sed -n '2s/^1\.\.//p' "$T/broken.out")
	s=$(count "$T/broken.out" '^ok .* # SKIP ')
	v=$(driver_verdict broken --ignore-exit -- /bin/sh "$T/broken.t")
	check "tap-driver.sh fails exactly those (got: $v)" [ "$v" = \
	    "FAIL PASS=$((n - s - nfail)) FAIL=$nfail SKIP=$s ERROR=0" ]
	v=$(driver_verdict broken2 -- /bin/sh "$T/broken.t")
	check "make check fails on it (got: $v)" [ "${v%% *}" != PASS ]
else
	skip "tap-driver.sh fails exactly those: no build-aux/tap-driver.sh"
	skip "make check fails on it: no build-aux/tap-driver.sh"
fi

# --- --strict and the text format agree with the stream -----------------
run strict --tap --strict "$BROKEN"
check "--strict fails at least as many tests" \
    [ "$(count "$T/strict.out" '^not ok')" -ge "$nfail" ]
run text -v "$BROKEN"
awk '$1 ~ /^(FAIL|ERROR)$/ { print $2 }' "$T/text.out" | sort >"$T/text.ids"
sed -n 's/^not ok [0-9]* - \([^:]*\):.*/\1/p' "$T/broken.out" | sort \
    >"$T/tap.ids"
if cmp -s "$T/text.ids" "$T/tap.ids"; then
	ok "text FAIL/ERROR lines name the TAP not-ok checks ($nfail)"
else
	not_ok "text FAIL/ERROR lines name the TAP not-ok checks"
	diff "$T/tap.ids" "$T/text.ids" | sed 's/^/# /'
fi
check "text -v: only result lines start with a label" [ "$(awk '
    $1 ~ /^(PASS|FAIL|WARN|INFO|SKIP|ERROR)$/ && $0 !~ /^[A-Z]+ +[a-z]/' \
    "$T/text.out" | wc -l)" -eq 0 ]
check "text: the last line is ocf-tester's" \
    grep -q "^Tests failed: $BROKEN failed [0-9]* tests\?$" "$T/text.out"
finish
