/*
 * Invocation checks (ocf-rules §1.1): how the agent answers unknown
 * actions, no action, extra arguments, and an open stdin.  They run in the
 * stopped state (or whatever state the agent starts in) and change nothing
 * in a correct agent.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agent.h"
#include "check.h"
#include "meta.h"
#include "ocf.h"


static enum oc_status
exec_unknown_action(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_run *r = oc_ctx_run(ctx, OC_UNKNOWN_ACTION);

	if (!oc_expect(res, r, OCF_ERR_UNIMPLEMENTED))
		return OC_FAIL;
	return OC_PASS;
}

/*
 * usage (help is its alias) is an old, optional action: many agents print
 * their usage for it and exit 0.  One that answers it as it answers an
 * unknown action does not support it; one that answers otherwise, and not
 * 0, supports it badly.
 */
static enum oc_status
opt_usage(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_run *u = oc_ctx_last_run(ctx, OC_UNKNOWN_ACTION);
	const struct oc_run *r;
	int advertised = ctx->meta != NULL &&
	    oc_meta_has_action(ctx->meta, "usage");

	r = oc_ctx_run(ctx, "usage");
	if (oc_run_is(r, OCF_SUCCESS))
		return OC_PASS;
	if (!advertised && (oc_run_is(r, OCF_ERR_UNIMPLEMENTED) ||
	    (u != NULL && u->end == r->end && u->status == r->status)))
		return oc_skip(res, "usage is not supported: it is answered "
		    "like an unknown action");
	oc_expect(res, r, OCF_SUCCESS);
	oc_note(res, "%s: an agent that supports usage or help prints it and "
	    "exits 0", advertised ? "usage is advertised" :
	    "usage is answered, but not as an unknown action");
	return OC_FAIL;
}

static enum oc_status
exec_no_action(struct oc_ctx *ctx, struct oc_result *res)
{
	struct oc_action a = OC_ACTION_INIT(NULL);
	const struct oc_run *r;

	a.label = "(no action)";
	a.timeout_ms = 10000;
	a.own_timeout = 1;
	r = oc_agent_run(ctx->agent, &a);
	oc_action_release(&a);
	if (r->end == OC_PROC_EXITED && r->status != 0)
		return OC_PASS;
	res->run = r;
	if (r->end == OC_PROC_EXITED)
		return oc_fail(res, "run with no action at all, the agent "
		    "exited 0: it should print its usage and exit non-zero "
		    "(OCF_ERR_ARGS (2) is usual)");
	return oc_fail(res, "run with no action at all, the agent did not "
	    "exit normally");
}

static enum oc_status
exec_extra_args(struct oc_ctx *ctx, struct oc_result *res)
{
	struct oc_action a = OC_ACTION_INIT("monitor");
	const struct oc_run *plain, *extra;
	struct oc_buf e = OC_BUF_INIT, p = OC_BUF_INIT;

	plain = oc_ctx_monitor(ctx, OC_MON_PROBE);
	a.label = "probe with extra arguments";
	oc_strv_push(&a.extra_args, "ocf-check-extra");
	oc_strv_push(&a.extra_args, "argument");
	extra = oc_agent_run(ctx->agent, &a);
	oc_action_release(&a);
	if (plain->end == extra->end && plain->status == extra->status)
		return OC_PASS;
	res->run = extra;
	oc_run_describe(extra, &e);
	oc_run_describe(plain, &p);
	oc_fail(res, "the probe 'monitor ocf-check-extra argument' %s where "
	    "'monitor' %s: arguments after the action must be ignored",
	    e.buf, p.buf);
	oc_buf_release(&e);
	oc_buf_release(&p);
	return OC_FAIL;
}

/*
 * A probe with fd as its stdin (a terminal when tty) must answer as the
 * plain one does.  what says how stdin differs; why, what it means.
 */
static enum oc_status
exec_probe_stdin(struct oc_ctx *ctx, struct oc_result *res, int fd, int tty,
    const char *what, const char *why)
{
	struct oc_action a = OC_ACTION_INIT("monitor");
	const struct oc_run *r, *plain;
	struct oc_buf d = OC_BUF_INIT, p = OC_BUF_INIT;

	plain = oc_ctx_observe(ctx, OC_MON_PROBE);
	a.label = "probe";
	a.stdin_fd = fd;
	a.tty = tty;
	/* a correct agent never reads: bound the wait by its own length */
	a.timeout_ms = plain->elapsed_ms * 4 + 2000;
	a.own_timeout = 1;
	if (a.timeout_ms > oc_agent_timeout(ctx->agent, "monitor"))
		a.timeout_ms = oc_agent_timeout(ctx->agent, "monitor");
	r = oc_agent_run(ctx->agent, &a);
	oc_action_release(&a);
	if (r->end == plain->end && r->status == plain->status)
		return OC_PASS;
	res->run = r;
	if (r->end == OC_PROC_TIMED_OUT)
		oc_fail(res, "with %s, the probe blocked until it was killed "
		    "after %ld ms: %s", what, r->timeout_ms, why);
	else {
		oc_run_describe(r, &d);
		oc_run_describe(plain, &p);
		oc_fail(res, "with %s the probe %s; as Pacemaker runs it, it "
		    "%s: %s", what, d.buf, p.buf, why);
	}
	oc_buf_release(&d);
	oc_buf_release(&p);
	return OC_FAIL;
}

static enum oc_status
exec_stdin(struct oc_ctx *ctx, struct oc_result *res)
{
	enum oc_status st;
	int fds[2];

	if (pipe2(fds, O_CLOEXEC) == -1)
		return OC_ERROR;
	st = exec_probe_stdin(ctx, res, fds[0], 0, "stdin an open pipe",
	    "the agent reads stdin (Pacemaker gives it /dev/null; tools may "
	    "not)");
	close(fds[0]);
	close(fds[1]);
	return st;
}

/*
 * Pacemaker's executor has no terminal; ocf-tester and a shell do.  A
 * probe with a pseudo-terminal as stdin and controlling terminal must
 * answer as without one, or the agent passes by hand and fails in the
 * cluster (or the other way round).
 */
static enum oc_status
exec_no_tty(struct oc_ctx *ctx, struct oc_result *res)
{
	enum oc_status st;
	const char *name;
	int m, s = -1;

	m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (m == -1 || grantpt(m) == -1 || unlockpt(m) == -1 ||
	    (name = ptsname(m)) == NULL ||
	    (s = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC)) == -1) {
		st = oc_skip(res, "no pseudo-terminal to run it on: %s",
		    strerror(errno));
		if (m != -1)
			close(m);
		return st;
	}
	st = exec_probe_stdin(ctx, res, s, 1, "a terminal on stdin, as in a "
	    "shell,", "the agent depends on having a terminal or not; "
	    "Pacemaker runs it with none");
	close(s);
	close(m);
	return st;
}

static enum oc_status
exec_meta_no_side_effects(struct oc_ctx *ctx, struct oc_result *res)
{
	struct oc_action a = OC_ACTION_INIT("meta-data");
	const struct oc_run *before, *after;
	pid_t *pids;
	size_t n;

	before = oc_ctx_observe(ctx, OC_MON_PROBE);
	a.meta_env = 1;
	(void)oc_agent_run(ctx->agent, &a);
	oc_action_release(&a);
	after = oc_ctx_monitor(ctx, OC_MON_PROBE);
	if (before->end != after->end || before->status != after->status) {
		res->run = after;
		oc_fail(res, "a probe gave %d before meta-data and %d after it: "
		    "meta-data changed the state", before->status, after->status);
	}
	/* every meta-data run so far, the meta.* rows' ones included */
	pids = oc_ctx_pids(ctx, "meta-data", &n);
	if (n > 0) {
		oc_fail(res, "meta-data left %zu process%s running (pid %ld "
		    "first); ocf-check killed %s", n, n == 1 ? "" : "es",
		    (long)pids[0], n == 1 ? "it" : "them");
		oc_pids_kill(pids, n);
	}
	free(pids);
	return res->status;
}

static const struct oc_check exec_rows[] = {
	{ "exec.unknown-action", "an unknown action exits 3", OC_SEV_ERROR,
	  "S1.1 §Resource Agent Actions; DG §OCF_ERR_UNIMPLEMENTED", 0,
	  exec_unknown_action },
	{ "opt.usage", "usage, when supported, exits 0", OC_SEV_INFO,
	  "DG §Execution block", OC_THOROUGH, opt_usage },
	{ "exec.no-action", "no action at all exits non-zero, promptly",
	  OC_SEV_INFO, "S1.1 §Resource Agent Actions", OC_THOROUGH,
	  exec_no_action },
	{ "exec.extra-args", "arguments after the action are ignored",
	  OC_SEV_WARNING, "S1.1 §Execution Syntax", OC_THOROUGH,
	  exec_extra_args },
	{ "meta.no-side-effects", "meta-data changes no state and leaves no "
	  "process", OC_SEV_WARNING, "S1.1 §meta-data", OC_THOROUGH,
	  exec_meta_no_side_effects },
	{ "exec.stdin", "the agent never reads stdin", OC_SEV_WARNING,
	  "pcmkd_subdaemons.c pcmk__null_std_streams()", OC_THOROUGH,
	  exec_stdin },
	{ "exec.no-tty", "the agent answers the same without a terminal",
	  OC_SEV_INFO, "SF __ha_log(); pcmkd_subdaemons.c", OC_THOROUGH,
	  exec_no_tty },
};

const struct oc_check_group oc_checks_exec = {
	exec_rows, OC_ARRAY_SIZE(exec_rows)
};
