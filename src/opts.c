/* Command-line parsing; see opts.h.  Keep --help, ocf-check.1 and
 * README.md saying the same thing. */
#include "config.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duration.h"
#include "ocf.h"
#include "opts.h"

static const char opts_usage[] =
"Usage: ocf-check [-hvqdX] [-n NAME] [-o name=value]... [OPTION]... AGENT\n"
"Test the OCF resource agent AGENT (a path) for conformance.\n"
"\n"
"Resource:\n"
"  -n, --name=NAME        OCF_RESOURCE_INSTANCE (default: derived from AGENT)\n"
"  -o name=value          an instance parameter (OCF_RESKEY_name); repeatable;\n"
"                         the value is passed verbatim, never through a shell\n"
"  -O name=value          a parameter of the second instance (multi.* checks);\n"
"                         unset names are taken from -o\n"
"      --absent=name=value\n"
"                         a parameter under which the service is absent from\n"
"                         this node (its storage elsewhere); repeatable: a probe\n"
"                         must then say 7 or 5 (probe.not-fatal-when-absent)\n"
"      --provider=NAME    OCF_RESOURCE_PROVIDER (default: from the path, or heartbeat)\n"
"      --ocf-root=DIR     OCF_ROOT given to the agent (default: the root the agent\n"
"                         is installed under, else " OCF_ROOT_DEFAULT ")\n"
"      --user=USER        unprivileged user for meta-data checks (default nobody)\n"
"  -d                     run the agent with HA_debug=1\n"
"  -X                     run the agent with OCF_TRACE_RA=1\n"
"\n"
"What to run:\n"
"      --meta-only        only the file and meta-data checks; never starts anything\n"
"      --thorough         also the checks beyond what Pacemaker does to an agent\n"
"                         (stdin, extra arguments, the caller's environment,\n"
"                         concurrency, clone names, the start-stable window...)\n"
"      --only=IDS         only these checks (comma-separated ids or globs: 'meta.*')\n"
"      --skip=IDS         not these checks\n"
"      --list-checks      list every check id with severity, title, the option\n"
"                         that turns it on (if a default run skips it), source\n"
"      --timeout=DURATION cap for every action, overriding advertised timeouts\n"
"                         (20, 500ms, 30s, 2min, 1h, PT20S, ...)\n"
"      --grace=DURATION   wait between SIGTERM and SIGKILL on timeout (default 2s)\n"
"      --restarts=N       start/stop cycles for life.restartable (default 3)\n"
"      --stable=DURATION  how long life.start-stable watches a new start\n"
"                         (default 300ms; 5s catches daemons that die later);\n"
"                         runs that check without --thorough too\n"
"      --migrate          emulate a live migration (mig.simulated)\n"
"      --hostile-values   set string parameters to shell-like values and check\n"
"                         the agent treats them as data (param.values-are-data)\n"
"      --strict           warnings fail the run\n"
"\n"
"Output:\n"
"      --format=FORMAT    text (default) or tap\n"
"      --tap              same as --format=tap\n"
"      --junit=FILE       also write a JUnit XML report to FILE\n"
"      --color=WHEN       auto (default), always or never\n"
"  -v, --verbose          show information results and every action run (-vv: output)\n"
"  -q, --quiet            show only failures and the summary\n"
"  -h, --help             show this help and exit\n"
"      --version          show the version and exit\n"
"\n"
"Exit status: 0 every selected check passed (warnings allowed unless --strict);\n"
"1 at least one check failed; 2 usage error or no such agent; 3 ocf-check\n"
"itself could not continue (or was interrupted).\n";

enum {
	OPT_TIMEOUT = 256, OPT_GRACE, OPT_STRICT, OPT_META_ONLY, OPT_ONLY,
	OPT_SKIP, OPT_LIST, OPT_FORMAT, OPT_TAP, OPT_JUNIT, OPT_VERSION,
	OPT_USER, OPT_PROVIDER, OPT_OCF_ROOT, OPT_MIGRATE, OPT_HOSTILE,
	OPT_RESTARTS, OPT_COLOR, OPT_STABLE, OPT_THOROUGH, OPT_ABSENT,
};

static const struct option opts_long[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "name", required_argument, NULL, 'n' },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "grace", required_argument, NULL, OPT_GRACE },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "meta-only", no_argument, NULL, OPT_META_ONLY },
	{ "only", required_argument, NULL, OPT_ONLY },
	{ "skip", required_argument, NULL, OPT_SKIP },
	{ "list-checks", no_argument, NULL, OPT_LIST },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "tap", no_argument, NULL, OPT_TAP },
	{ "junit", required_argument, NULL, OPT_JUNIT },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ "user", required_argument, NULL, OPT_USER },
	{ "provider", required_argument, NULL, OPT_PROVIDER },
	{ "ocf-root", required_argument, NULL, OPT_OCF_ROOT },
	{ "migrate", no_argument, NULL, OPT_MIGRATE },
	{ "hostile-values", no_argument, NULL, OPT_HOSTILE },
	{ "restarts", required_argument, NULL, OPT_RESTARTS },
	{ "stable", required_argument, NULL, OPT_STABLE },
	{ "thorough", no_argument, NULL, OPT_THOROUGH },
	{ "absent", required_argument, NULL, OPT_ABSENT },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "colour", required_argument, NULL, OPT_COLOR },
	{ NULL, 0, NULL, 0 },
};

static void OC_PRINTF(1, 2) OC_NORETURN
opts_die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "ocf-check: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (try 'ocf-check --help')\n");
	exit(OC_EXIT_USAGE);
}

static void
opts_param(struct oc_strv *sv, const char *arg, const char *opt)
{
	const char *eq = strchr(arg, '=');
	char *name;

	if (eq == NULL)
		opts_die("%s '%s': expected name=value", opt, arg);
	name = xstrndup(arg, (size_t)(eq - arg));
	if (!ocf_env_name_ok(name)) {
		free(name);
		opts_die("%s: '%.*s' is not a valid parameter name "
		    "(letters, digits and _, not starting with a digit)", opt,
		    (int)(eq - arg), arg);
	}
	free(name);
	oc_strv_push(sv, arg);
}

static long
opts_duration(const char *arg, const char *opt)
{
	long long ms;

	if (oc_duration_parse(arg, &ms) == -1 || ms <= 0 || ms > 86400000LL * 7)
		opts_die("%s '%s': not a duration (try 30s, 500ms, 2min or PT1M)",
		    opt, arg);
	return (long)ms;
}

static void
opts_globs(struct oc_strv *sv, const char *arg)
{
	char *copy = xstrdup(arg), *tok, *save = NULL;

	for (tok = strtok_r(copy, ", ", &save); tok != NULL;
	    tok = strtok_r(NULL, ", ", &save))
		oc_strv_push(sv, tok);
	free(copy);
}

static void
opts_one(struct oc_cmdline *cl, int c, const char *arg)
{
	char *end;

	switch (c) {
	case 'h':
		fputs(opts_usage, stdout);
		exit(OC_EXIT_OK);
	case OPT_VERSION:
		printf("ocf-check %s\n", PACKAGE_VERSION);
		exit(OC_EXIT_OK);
	case 'v': cl->opts.verbose++; break;
	case 'q': cl->opts.quiet = 1; break;
	case 'd': cl->debug = 1; break;
	case 'X': cl->trace = 1; break;
	case 'n':
		if (*arg == '\0')
			opts_die("-n: the resource name is empty");
		cl->name = arg;
		break;
	case 'o': opts_param(&cl->params, arg, "-o"); break;
	case 'O': opts_param(&cl->params2, arg, "-O"); break;
	case OPT_ABSENT: opts_param(&cl->opts.absent, arg, "--absent"); break;
	case OPT_TIMEOUT: cl->timeout_ms = opts_duration(arg, "--timeout"); break;
	case OPT_GRACE: cl->grace_ms = opts_duration(arg, "--grace"); break;
	case OPT_STABLE:
		cl->opts.stable_ms = opts_duration(arg, "--stable");
		if (cl->opts.stable_ms > 600000)
			opts_die("--stable '%s': at most 10 minutes", arg);
		cl->opts.stable_given = 1;
		break;
	case OPT_THOROUGH: cl->opts.thorough = 1; break;
	case OPT_STRICT: cl->opts.strict = 1; break;
	case OPT_META_ONLY: cl->opts.meta_only = 1; break;
	case OPT_ONLY: opts_globs(&cl->opts.only, arg); break;
	case OPT_SKIP: opts_globs(&cl->opts.skip, arg); break;
	case OPT_LIST: cl->list = 1; break;
	case OPT_TAP: cl->format = OC_FMT_TAP; break;
	case OPT_FORMAT:
		if (strcmp(arg, "text") == 0)
			cl->format = OC_FMT_TEXT;
		else if (strcmp(arg, "tap") == 0)
			cl->format = OC_FMT_TAP;
		else
			opts_die("--format '%s': expected text or tap", arg);
		break;
	case OPT_JUNIT: cl->junit = arg; break;
	case OPT_USER: cl->opts.user = arg; break;
	case OPT_PROVIDER: cl->provider = arg; break;
	case OPT_OCF_ROOT: cl->ocf_root = arg; break;
	case OPT_MIGRATE: cl->opts.migrate = 1; break;
	case OPT_HOSTILE: cl->opts.hostile = 1; break;
	case OPT_RESTARTS:
		cl->opts.restarts = (int)strtol(arg, &end, 10);
		if (*arg == '\0' || *end != '\0' || cl->opts.restarts < 1 ||
		    cl->opts.restarts > 100)
			opts_die("--restarts '%s': expected a number from 1 to 100",
			    arg);
		break;
	case OPT_COLOR:
		if (strcmp(arg, "auto") == 0)
			cl->color = -1;
		else if (strcmp(arg, "always") == 0)
			cl->color = 1;
		else if (strcmp(arg, "never") == 0)
			cl->color = 0;
		else
			opts_die("--color '%s': expected auto, always or never", arg);
		break;
	default:
		/* getopt_long printed what was wrong */
		fprintf(stderr, "Try 'ocf-check --help' for more information.\n");
		exit(OC_EXIT_USAGE);
	}
}

void
oc_opts_parse(struct oc_cmdline *cl, int argc, char **argv)
{
	int c;

	memset(cl, 0, sizeof(*cl));
	oc_strv_init(&cl->params);
	oc_strv_init(&cl->params2);
	oc_strv_init(&cl->opts.only);
	oc_strv_init(&cl->opts.skip);
	oc_strv_init(&cl->opts.absent);
	cl->opts.user = "nobody";
	cl->opts.restarts = 3;
	cl->opts.stable_ms = 300;
	cl->timeout_ms = -1;
	cl->grace_ms = 2000;
	cl->color = -1;
	while ((c = getopt_long(argc, argv, "hvqdXn:o:O:", opts_long,
	    NULL)) != -1)
		opts_one(cl, c, optarg);
	if (cl->list) {
		if (optind != argc)
			opts_die("--list-checks takes no agent");
		return;
	}
	if (optind == argc)
		opts_die("no agent given: ocf-check [OPTION]... AGENT");
	if (optind + 1 != argc)
		opts_die("one agent at a time: unexpected '%s'", argv[optind + 1]);
	if (argv[optind][0] == '\0')
		opts_die("the agent path is empty");
	cl->agent = argv[optind];
}

void
oc_opts_release(struct oc_cmdline *cl)
{
	oc_strv_release(&cl->params);
	oc_strv_release(&cl->params2);
	oc_strv_release(&cl->opts.only);
	oc_strv_release(&cl->opts.skip);
	oc_strv_release(&cl->opts.absent);
}
