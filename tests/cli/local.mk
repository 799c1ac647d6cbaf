# tests/cli: end-to-end tests of the command line (included by tests/local.mk)
#
# cli.sh runs the built ocf-check against small agents it writes itself:
# options and exit statuses, the environment agents get, parameters as
# data, a daemon holding stdout, SIGINT during start.  The man page tests
# are registered in man/local.mk.
TESTS += tests/cli/cli.sh
dist_check_SCRIPTS += tests/cli/cli.sh
