/*
 * ocf-check: test an OCF resource agent for conformance.
 *
 * main() is the outline: parse the command line, set up the agent and the
 * reporters, run the check table (which always ends by stopping the
 * resource and killing what the agent left behind), map to an exit status.
 */
#include "config.h"

#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <ftw.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agent.h"
#include "check.h"
#include "meta.h"
#include "opts.h"
#include "report.h"

static void
main_on_signal(int sig)
{
	(void)sig;
	oc_proc_interrupted = 1;
}

static void
main_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = main_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

static void
main_list_checks(void)
{
	size_t i, n = oc_checks_count();

	for (i = 0; i < n; i++) {
		const struct oc_check *c = oc_check_at(i);

		const char *optin = oc_check_optin(c);

		printf("%-30s %-8s %s%s%s%s [%s]\n", c->id, oc_sev_name(c->sev),
		    c->title, optin ? " (" : "", optin ? optin : "",
		    optin ? ")" : "", c->source);
	}
}

static int
main_rm(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path) == -1 ? 0 : 0;
}

/*
 * ocf-check's temporary directory: its own files, and rsctmp/, the agent's
 * private HA_RSCTMP, so that agents' default state files stay ours and
 * what they leave there is theirs alone (clean.artifacts).
 */
static void
main_workdir(struct oc_agent *ag)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = xasprintf("%s/ocf-check.XXXXXX", tmp && *tmp ? tmp : "/tmp");

	if (mkdtemp(dir) == NULL) {
		oc_error_errno("cannot create a temporary directory '%s'", dir);
		free(dir);
		exit(OC_EXIT_HARNESS);
	}
	ag->workdir = dir;
	ag->rsctmp = xasprintf("%s/rsctmp", dir);
	if (mkdir(ag->rsctmp, 0700) == -1) {
		oc_error_errno("cannot create '%s'", ag->rsctmp);
		rmdir(dir);
		exit(OC_EXIT_HARNESS);
	}
}

static void
main_agent(struct oc_agent *ag, struct oc_cmdline *cl)
{
	struct passwd *pw;

	oc_agent_init(ag, cl->agent);
	if (cl->name != NULL) {
		free(ag->instance);
		ag->instance = xstrdup(cl->name);
	}
	if (cl->provider != NULL) {
		free(ag->provider);
		ag->provider = xstrdup(cl->provider);
	}
	if (cl->ocf_root != NULL) {
		free(ag->ocf_root);
		ag->ocf_root = xstrdup(cl->ocf_root);
	}
	oc_strv_copy(&ag->params, &cl->params);
	oc_strv_copy(&ag->params2, &cl->params2);
	ag->debug = cl->debug;
	ag->trace = cl->trace;
	ag->timeout_override_ms = cl->timeout_ms;
	ag->grace_ms = cl->grace_ms;
	if (geteuid() == 0 && (pw = getpwnam(cl->opts.user)) != NULL &&
	    pw->pw_uid != 0) {
		ag->user_uid = pw->pw_uid;
		ag->user_gid = pw->pw_gid;
		ag->have_user = 1;
	} else if (geteuid() == 0 && strcmp(cl->opts.user, "nobody") != 0) {
		fprintf(stderr, "ocf-check: --user '%s': no such unprivileged "
		    "user\n", cl->opts.user);
		exit(OC_EXIT_USAGE);
	}
}

static void
main_hook_action(void *arg, const struct oc_run *r)
{
	oc_report_action(arg, r);
}

static void
main_hook_tick(void *arg, const char *what, long ms)
{
	oc_report_progress(arg, what, ms);
}

static struct oc_reporter *
main_reporters(const struct oc_cmdline *cl)
{
	struct oc_reporter *reps[2];
	size_t n = 0, i;
	int tty = isatty(STDOUT_FILENO);
	const char *nc = getenv("NO_COLOR");

	if (cl->junit != NULL) {
		FILE *fp = fopen(cl->junit, "a");

		if (fp == NULL) {
			fprintf(stderr, "ocf-check: --junit '%s': %s\n", cl->junit,
			    strerror(errno));
			exit(OC_EXIT_USAGE);
		}
		fclose(fp);
	}
	reps[n++] = cl->format == OC_FMT_TAP ? oc_report_tap_new(stdout) :
	    oc_report_text_new(stdout);
	if (cl->junit != NULL)
		reps[n++] = oc_report_junit_new(cl->junit);
	for (i = 0; i < n; i++) {
		reps[i]->verbose = cl->opts.verbose;
		reps[i]->quiet = cl->opts.quiet;
		reps[i]->strict = cl->opts.strict;
		reps[i]->tty = tty;
		reps[i]->color = cl->color == 1 ||
		    (cl->color == -1 && tty && (nc == NULL || *nc == '\0'));
	}
	return n == 1 ? reps[0] : oc_report_tee(reps, n);
}

int
main(int argc, char **argv)
{
	struct oc_cmdline cl;
	struct oc_agent agent;
	struct oc_ctx ctx;
	struct oc_reporter *rep;
	struct stat st;
	int rc;

	oc_opts_parse(&cl, argc, argv);
	if (cl.list) {
		main_list_checks();
		return OC_EXIT_OK;
	}
	if (stat(cl.agent, &st) == -1) {
		fprintf(stderr, "ocf-check: agent '%s': %s\n", cl.agent,
		    strerror(errno));
		return OC_EXIT_USAGE;
	}
	main_signals();
	if (oc_proc_become_subreaper() == -1)
		oc_warn("cannot become a child subreaper: leftover daemons that "
		    "detach may be missed");
	main_agent(&agent, &cl);
	rep = main_reporters(&cl);
	/* last: every usage error above exits before anything is created */
	main_workdir(&agent);
	agent.on_action = main_hook_action;
	agent.on_tick = main_hook_tick;
	agent.hook_arg = rep;

	memset(&ctx, 0, sizeof(ctx));
	ctx.agent = &agent;
	ctx.opts = &cl.opts;
	ctx.state = OC_ST_UNKNOWN;
	ctx.is_root = geteuid() == 0;
	oc_buf_init(&ctx.state_why);
	oc_buf_init(&ctx.cleanup_why);
	oc_strv_init(&ctx.cleanup_leftovers);
	oc_strv_init(&ctx.artifacts_before);
	rc = oc_checks_run(&ctx, rep);

	oc_report_destroy(rep);
	if (ctx.meta != NULL)
		oc_meta_free(ctx.meta);
	oc_meta_cleanup();	/* after the JUnit reporter used libxml2 */
	if (rc == OC_EXIT_HARNESS && ctx.cleanup_rc == 0)
		fprintf(stderr, "ocf-check: interrupted; the resource was "
		    "stopped and the agent's processes killed\n");
	else if (rc == OC_EXIT_HARNESS)
		fprintf(stderr, "ocf-check: interrupted; the final cleanup "
		    "failed: %s\n", ctx.cleanup_why.buf);
	nftw(agent.workdir, main_rm, 16, FTW_DEPTH | FTW_PHYS);
	oc_buf_release(&ctx.state_why);
	oc_buf_release(&ctx.cleanup_why);
	free(ctx.instance2);
	free(ctx.start_pids);
	oc_strv_release(&ctx.cleanup_leftovers);
	oc_strv_release(&ctx.artifacts_before);
	oc_agent_release(&agent);
	oc_opts_release(&cl);
	return rc;
}
