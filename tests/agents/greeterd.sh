#!/bin/sh
# Tests of ocf-greeterd, the greeter agent's daemon, on its own: argument
# checks, detaching cleanly, greeting clients, the probe client, and a
# clean exit on TERM.  Only 127.0.0.1 is used.

. "$(dirname "$0")/lib.sh"

PIDS=
# shellcheck disable=SC2317 # run from the EXIT trap
cleanup() {
	for p in $PIDS; do
		kill -KILL "$p" 2>/dev/null
	done
}
setup

if [ ! -x "$GREETERD" ]; then
	not_ok "ocf-greeterd is built"
	diag "missing: $GREETERD"
	finish
fi
ok "ocf-greeterd is built"

expect_rc 0 "--version exits 0" "$GREETERD" --version
expect_rc 2 "no arguments: usage error" "$GREETERD"
for port in abc 0 65536 -1 80x 999999 ''; do
	expect_rc 2 "port '$port' is rejected" "$GREETERD" -f 127.0.0.1 "$port"
done
for addr in 1.2.3 localhost 256.1.1.1; do
	expect_rc 2 "address '$addr' is rejected" "$GREETERD" -f "$addr" 20000
done
nl='
'
expect_rc 2 "a greeting of two lines is rejected" \
    "$GREETERD" -f -g "a${nl}b" 127.0.0.1 20000
expect_rc 2 "a relative pid file is rejected" \
    "$GREETERD" -f -p rel.pid 127.0.0.1 20000

port=$(free_port) || {
	not_ok "found a free port"
	finish
}
greeting="Hello from ocf-check $$"
pidfile=$TMP/greeterd.pid

# Started detached with an extra descriptor open and its output on a pipe:
# the pipe must reach EOF as soon as the parent exits.
: >"$TMP/held"
# shellcheck disable=SC2016 # expanded by the inner shell
timeout 10 sh -c '"$@" 3>"$0" 2>&1 | cat' "$TMP/held" \
    "$GREETERD" -g "$greeting" -p "$pidfile" 127.0.0.1 "$port" \
    >"$TMP/out" 2>&1 </dev/null
rc=$?
if [ "$rc" -eq 0 ]; then
	ok "detached start returns 0 and releases the caller's pipe"
else
	not_ok "detached start returns 0 and releases the caller's pipe"
	diag "exit status $rc (124: the pipe stayed open)"
	diag_file "$TMP/out"
fi

pid=
[ -f "$pidfile" ] && read -r pid <"$pidfile"
case $pid in
'' | *[!0-9]*)
	not_ok "the pid file names the daemon"
	diag "pid file: '$pid'"
	finish
	;;
esac
PIDS="$PIDS $pid"
check "the pid file names the daemon" pid_running "$pid"

if [ -d "/proc/$pid/fd" ]; then
	std=$(readlink "/proc/$pid/fd/0" "/proc/$pid/fd/1" "/proc/$pid/fd/2" |
	    sort -u)
	check "stdin, stdout and stderr are /dev/null" \
	    test "$std" = /dev/null
	held=$(for f in "/proc/$pid/fd/"*; do readlink "$f"; done |
	    grep -cF "$TMP/held")
	check "inherited descriptors are closed" test "$held" = 0
	sid=$(sed -e 's/^.*) //' "/proc/$pid/stat" | cut -d ' ' -f 4)
	check "it leads its own session" test "$sid" = "$pid"
else
	skip "no /proc: stdin, stdout and stderr are /dev/null"
	skip "no /proc: inherited descriptors are closed"
	skip "no /proc: it leads its own session"
fi

expect_rc 0 "--probe with the right greeting succeeds" \
    timeout 10 "$GREETERD" --probe -t 5 -g "$greeting" 127.0.0.1 "$port"
expect_rc 1 "--probe with another greeting fails" \
    timeout 10 "$GREETERD" --probe -t 5 -g "Goodbye" 127.0.0.1 "$port"
expect_rc 0 "--probe without a greeting accepts any line" \
    timeout 10 "$GREETERD" --probe -t 5 127.0.0.1 "$port"

# A client that is not ours: bash's /dev/tcp, if there is a bash.
if command -v bash >/dev/null 2>&1; then
	# shellcheck disable=SC2016 # expanded by bash
	line=$(timeout 10 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$0" &&
	    IFS= read -r l <&3 && printf %s "$l"' "$port" 2>"$TMP/err")
	if [ "$line" = "$greeting" ]; then
		ok "a plain TCP client reads the greeting line"
	else
		not_ok "a plain TCP client reads the greeting line"
		diag "got '$line'"
		diag_file "$TMP/err"
	fi
else
	skip "no bash for a plain TCP client"
fi

n=0
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	timeout 10 "$GREETERD" --probe -t 5 -g "$greeting" 127.0.0.1 "$port" \
	    2>/dev/null && n=$((n + 1))
done
check "it greets 20 clients in a row" test "$n" = 20

expect_rc 1 "a second daemon on the same port fails" \
    timeout 10 "$GREETERD" -p "$TMP/second.pid" 127.0.0.1 "$port"
check "and says why" grep -q "cannot listen" "$TMP/err"
check "and writes no pid file" test ! -e "$TMP/second.pid"

kill -TERM "$pid"
check "TERM ends it within 5 s" wait_pid_gone "$pid" 5
check "it removes its pid file on TERM" test ! -e "$pidfile"
expect_rc 1 "--probe fails once it is gone" \
    timeout 10 "$GREETERD" --probe -t 2 127.0.0.1 "$port"

# Foreground mode, as a child of this script; default greeting.
port=$(free_port) || {
	not_ok "found a second free port"
	finish
}
"$GREETERD" -f -p "$TMP/fg.pid" 127.0.0.1 "$port" </dev/null \
    >/dev/null 2>"$TMP/fg.err" &
fg=$!
PIDS="$PIDS $fg"
wait_greeting "$port"
expect_rc 0 "foreground mode greets with the default 'Hello'" \
    timeout 10 "$GREETERD" --probe -t 5 -g Hello 127.0.0.1 "$port"
fgpid=
[ -f "$TMP/fg.pid" ] && read -r fgpid <"$TMP/fg.pid"
check "foreground mode writes its own pid" test "$fgpid" = "$fg"
kill -TERM "$fg"
wait "$fg"
check "foreground mode exits 0 on TERM" test "$?" = 0
check "and removes its pid file" test ! -e "$TMP/fg.pid"

finish
