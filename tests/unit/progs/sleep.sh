#!/bin/sh
# Sleep $1 seconds in a background child and wait for it, so the process
# group has two members when the deadline kills it.
sleep "$1" &
wait
