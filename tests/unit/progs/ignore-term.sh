#!/bin/sh
# Like sleep.sh, but SIGTERM is ignored (and the child inherits that), so
# only SIGKILL ends the group.
trap '' TERM
sleep "$1" &
wait
