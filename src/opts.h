/* opts: the command line of ocf-check (getopt_long), and --help. */
#ifndef OC_OPTS_H
#define OC_OPTS_H

#include "check.h"
#include "strv.h"

enum oc_exit {
	OC_EXIT_OK = 0,		/* every selected check passed */
	OC_EXIT_FAIL = 1,	/* at least one check failed */
	OC_EXIT_USAGE = 2,	/* bad invocation, or no such agent */
	OC_EXIT_HARNESS = 3,	/* ocf-check itself could not continue */
};

enum oc_format { OC_FMT_TEXT, OC_FMT_TAP };

struct oc_cmdline {
	struct oc_options opts;
	enum oc_format	 format;
	const char	*junit;		/* --junit FILE */
	const char	*agent;		/* the one positional argument */
	const char	*name;		/* -n */
	const char	*provider;	/* --provider */
	const char	*ocf_root;	/* --ocf-root */
	struct oc_strv	 params;	/* -o, "name=value" */
	struct oc_strv	 params2;	/* -O */
	long		 timeout_ms;	/* --timeout, -1 none */
	long		 grace_ms;	/* --grace */
	unsigned	 debug:1, trace:1, list:1;
	int		 color;		/* -1 auto, 0 never, 1 always */
};

/* Parse argv into cl.  Usage errors print one line and exit 2; --help and
 * --version print and exit 0. */
void	oc_opts_parse(struct oc_cmdline *cl, int argc, char **argv);
void	oc_opts_release(struct oc_cmdline *cl);

#endif
