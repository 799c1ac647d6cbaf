# man: rules for this part of the tree (included by Makefile.am)
#
# The manual page is mdoc.  Two tests keep it honest: man-lint.sh formats
# it with groff -ww (and mandoc -Tlint where installed) and wants no
# warning; help-man-sync.sh compares it with `ocf-check --help`,
# `--list-checks` and enum oc_exit, so the page cannot drift from the code.
dist_man1_MANS = man/ocf-check.1

TESTS += tests/cli/man-lint.sh tests/cli/help-man-sync.sh
dist_check_SCRIPTS += tests/cli/man-lint.sh tests/cli/help-man-sync.sh
