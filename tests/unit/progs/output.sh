#!/bin/sh
# Write known bytes, including a NUL, to stdout and stderr.
printf 'out\000put\n'
printf 'err\n' >&2
exit 3
