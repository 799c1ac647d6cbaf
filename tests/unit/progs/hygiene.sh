#!/bin/sh
# Is descriptor $1 open here?  And the shell's own signal mask and ignored
# set, read with builtins only: while dash forks it blocks every signal.
if [ -e /proc/$$/fd/"$1" ]; then
	echo "fd $1 inherited"
fi
while read -r line; do
	case $line in
	SigBlk:* | SigIgn:*) printf '%s\n' "$line" ;;
	esac
done </proc/$$/status
