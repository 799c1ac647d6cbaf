# tests/tap.sh: the TAP primitives every shell test shares (sourced).
# Numbers run from 1 in order (automake's tap-driver.sh rejects anything
# else); print the plan first or last with plan/finish of your own.

TESTNUM=0
FAILED=0

ok() {
	TESTNUM=$((TESTNUM + 1))
	echo "ok $TESTNUM - $*"
}

not_ok() {
	TESTNUM=$((TESTNUM + 1))
	FAILED=$((FAILED + 1))
	echo "not ok $TESTNUM - $*"
}

# skip REASON...: a test that does not apply here.
skip() {
	TESTNUM=$((TESTNUM + 1))
	echo "ok $TESTNUM # SKIP $*"
}

# skip_all REASON...: the whole script does not apply (plan 1..0).
skip_all() {
	echo "1..0 # SKIP $*"
	exit 0
}

diag() {
	printf '%s\n' "$@" | sed 's/^/# /'
}

# Show a file as TAP diagnostics (at most 40 lines).
diag_file() {
	[ -s "$1" ] && sed -e 's/^/# /' -e 40q "$1"
	return 0
}

# tap_mktemp NAME: a private temporary directory, or bail out.
tap_mktemp() {
	mktemp -d "${TMPDIR:-/tmp}/ocf-check-$1.XXXXXX" || {
		echo "Bail out! cannot create a temporary directory"
		exit 1
	}
}
