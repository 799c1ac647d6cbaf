# tests/cli/report-lib.sh: sourced by the report-*.sh tests.  TAP helpers,
# a private temp dir, the passing agent (agents/stateless) and a broken
# agent whose every action prints output that looks like TAP, YAML
# markers, result lines, XML and control bytes.

LC_ALL=C
export LC_ALL
: "${TOP_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${TOP_BUILDDIR:=$TOP_SRCDIR}"
: "${OCF_CHECK:=$TOP_BUILDDIR/ocf-check}"
: "${AGENTS_SRC:=$TOP_SRCDIR/agents}"

. "$TOP_SRCDIR/tests/tap.sh"
T=$(mktemp -d "${TMPDIR:-/tmp}/ocf-check-report.XXXXXX") || {
	echo "Bail out! cannot create a temporary directory"
	exit 1
}
trap 'rm -rf "$T"' EXIT
trap 'exit 1' INT TERM HUP

# check "description" command...: ok when the command succeeds.
check() {
	desc=$1
	shift
	if "$@"; then
		ok "$desc"
	else
		not_ok "$desc"
	fi
}

# Show a file as TAP comments (for the log of a failing test).
diag_file() {
	sed -e 's/^/# /' "$1" | head -n "${2:-40}"
}

finish() {
	echo "1..$TESTNUM"
	exit 0
}

# Without the program there is nothing to test.
if [ ! -x "$OCF_CHECK" ]; then
	echo "1..0 # SKIP ocf-check is not built ($OCF_CHECK)"
	exit 0
fi

# run NAME ARGS...: ocf-check ARGS, stdout/stderr/status to $T/NAME.*
run() {
	name=$1
	shift
	timeout 600 "$OCF_CHECK" "$@" >"$T/$name.out" 2>"$T/$name.err"
	echo $? >"$T/$name.rc"
}

# count FILE REGEX: lines of FILE matching the extended REGEX
count() {
	grep -Ec "$2" "$1"
}

# The TAP numbers of the failing tests of a stream, one per line.
tap_failed() {
	sed -n 's/^not ok \([0-9]*\).*/\1/p' "$1"
}

# A script that runs ocf-check in TAP mode on an agent, for prove and
# tap-driver.sh (both run test programs, not command lines).
tap_script() {
	script=$1
	shift
	{
		echo '#!/bin/sh'
		printf 'exec timeout 600'
		for a in "$OCF_CHECK" --tap "$@"; do
			printf " '%s'" "$a"
		done
		echo
	} >"$script"
	chmod +x "$script"
}

PASS_AGENT=$AGENTS_SRC/stateless
# shellcheck disable=SC2034 # used by the scripts that source this
PASS_PARAM="statedir=$T/state"	# -o for the passing agent
[ -x "$PASS_AGENT" ] || PASS_AGENT=

# The broken agent: monitor reports "running" even before any start.
BROKEN=$T/heartbeat/broken
mkdir -p "$T/heartbeat"
cat >"$BROKEN" <<'AGENT'
#!/bin/sh
hostile() {
	printf 'ok 1 - fake pass\nnot ok 2 - fake failure\nBail out! fake\n'
	printf '  ---\n  ...\nFAIL fake.id - fake\n# SKIP fake\n1..3\n'
	printf '\033[2J\033]0;title\007 \377\376 nul:\000:end\r\n'
	printf '<![CDATA[ ]]> </testsuite> &amp; "q" \302\205 \357\277\276\n'
	printf '\tBail out! indented\n'
}
case "$1" in
meta-data)
	cat <<'XML'
<?xml version="1.0"?>
<!DOCTYPE resource-agent SYSTEM "ra-api-1.dtd">
<resource-agent name="broken" version="0.1">
<version>1.0</version>
<longdesc lang="en">An agent whose monitor always says running.</longdesc>
<shortdesc lang="en">Broken agent</shortdesc>
<parameters/>
<actions>
<action name="start" timeout="20s"/>
<action name="stop" timeout="20s"/>
<action name="monitor" timeout="20s" interval="10s" depth="0"/>
<action name="validate-all" timeout="20s"/>
<action name="meta-data" timeout="5s"/>
</actions>
</resource-agent>
XML
	exit 0
	;;
esac
hostile >&2
case "$1" in
start|stop|validate-all)
	exit 0
	;;
monitor)
	hostile
	echo "ocf-exit-reason:monitor says Bail out! $(printf '\033[31m')" >&2
	exit 0
	;;
esac
exit 3
AGENT
chmod 755 "$BROKEN"
