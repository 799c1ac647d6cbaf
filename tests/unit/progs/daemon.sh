#!/bin/sh
# Start a "daemon" ($1 seconds of sleep) that keeps stdout and stderr open,
# then exit at once, as an agent's start action does.
sleep "$1" &
echo started
exit 0
