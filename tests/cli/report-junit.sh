#!/bin/sh
# tests/cli/report-junit.sh: --junit=FILE writes well-formed JUnit XML
# (xmllint) next to the TAP or text stream, for a passing agent and for a
# broken one with hostile output, and its counts agree with TAP: a "not
# ok" is a <failure> or <error>, a "# SKIP" is a <skipped>.  TAP on
# stdout; exits 0.

. "${TOP_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/report-lib.sh"

if ! command -v xmllint >/dev/null 2>&1; then
	echo "1..0 # SKIP xmllint is not installed"
	exit 0
fi

# xpath FILE EXPR: the string value of EXPR in FILE
xpath() {
	xmllint --xpath "string($2)" "$1" 2>/dev/null
}

# agree NAME: the JUnit file of run NAME matches its TAP stream.
agree() {
	x=$T/$1.xml
	tap=$T/$1.out
	n=$(sed -n '2s/^1\.\.//p' "$tap")
	f=$(count "$tap" '^not ok ')
	s=$(count "$tap" '^ok .* # SKIP ')
	check "$1: tests=$n" [ "$(xpath "$x" /testsuites/testsuite/@tests)" = "$n" ]
	check "$1: failures+errors = not ok ($f)" [ $(($(xpath "$x" \
	    /testsuites/testsuite/@failures) + $(xpath "$x" \
	    /testsuites/testsuite/@errors))) -eq "$f" ]
	check "$1: skipped = SKIP ($s)" \
	    [ "$(xpath "$x" /testsuites/testsuite/@skipped)" = "$s" ]
	check "$1: the counts match the children" [ \
	    "$(xpath "$x" "count(//testcase)")" = "$n" -a \
	    "$(xpath "$x" "count(//testcase/failure|//testcase/error)")" = "$f" \
	    -a "$(xpath "$x" "count(//testcase/skipped)")" = "$s" ]
	sed -n 's/^not ok [0-9]* - \([^:]*\):.*/\1/p' "$tap" | sort >"$T/$1.tapids"
	xmllint --xpath '//testcase[failure or error]/@name' "$x" 2>/dev/null |
	    tr ' ' '\n' | sed -n 's/^name="\(.*\)"$/\1/p' | sort >"$T/$1.xmlids"
	check "$1: the failing testcases are the not-ok checks" \
	    cmp -s "$T/$1.tapids" "$T/$1.xmlids"
}

# well_formed NAME: xmllint accepts the file
well_formed() {
	if xmllint --noout "$T/$1.xml" 2>"$T/$1.lint"; then
		ok "$1: the JUnit file is well-formed"
	else
		not_ok "$1: the JUnit file is well-formed"
		diag_file "$T/$1.lint"
	fi
}

if [ -n "$PASS_AGENT" ]; then
	run pass --tap --junit="$T/pass.xml" -o "$PASS_PARAM" "$PASS_AGENT"
	well_formed pass
	agree pass
	check "pass: the suite is named provider:type" \
	    [ "$(xpath "$T/pass.xml" /testsuites/testsuite/@name)" = \
	    "heartbeat:stateless" ]
	check "pass: check ids are unique test names" [ "$(xmllint --xpath \
	    '//testcase/@name' "$T/pass.xml" | tr ' ' '\n' | grep -c .)" = \
	    "$(xmllint --xpath '//testcase/@name' "$T/pass.xml" | tr ' ' '\n' |
	    grep . | sort -u | wc -l)" ]
else
	for d in well-formed tests failures skipped children ids name unique; do
		skip "passing agent: $d: agents/stateless is missing"
	done
fi

run broken --tap --junit="$T/broken.xml" "$BROKEN"
well_formed broken
agree broken
check "broken: the agent's stderr is in system-err, escaped" \
    grep -q 'Bail out! fake' "$T/broken.xml"
run strict --tap --strict --junit="$T/strict.xml" "$BROKEN"
well_formed strict
agree strict

# With the text format on stdout the file is the same kind of report.
run text --junit="$T/text.xml" "$BROKEN"
well_formed text
check "text: as many failures as in TAP" [ "$(xpath "$T/text.xml" \
    /testsuites/testsuite/@failures)" = "$(xpath "$T/broken.xml" \
    /testsuites/testsuite/@failures)" ]
check "text: stdout is still the text report" \
    grep -q '^Tests failed: ' "$T/text.out"
finish
