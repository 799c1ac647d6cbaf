#!/bin/sh
# Write $1 bytes of zeros to stdout and to stderr at the same time.
head -c "$1" /dev/zero >&2 &
head -c "$1" /dev/zero
wait
