#!/bin/sh
# The shell agents are portable POSIX sh: shellcheck -s sh finds nothing.
# The greeter is checked as installed (generated from greeter.in).

. "$(dirname "$0")/lib.sh"

command -v shellcheck >/dev/null 2>&1 || skip_all "shellcheck is not installed"
setup
for a in stateless promotable greeter; do
	f=$(agent_path $a)
	if [ ! -f "$f" ]; then
		not_ok "$a: shellcheck -s sh is clean"
		diag "missing: $f"
		continue
	fi
	check "$a: shellcheck -s sh is clean" shellcheck -s sh "$f"
done
finish
