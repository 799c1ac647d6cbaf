#!/bin/sh
# Print the environment exactly as received (NUL-separated), and the
# working directory on stderr.
cat /proc/$$/environ
pwd >&2
