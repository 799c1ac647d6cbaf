/*
 * The basic lifecycle (ocf-rules §1.7, §1.8, §1.15, §1.17): initial state,
 * probes, start, crash detection, check levels; then, after the optional
 * and role rows, stop, leftovers, restart cycles and failed starts.
 * Every state-changing step is followed by the monitor that proves it.
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agent.h"
#include "check.h"
#include "meta.h"
#include "ocf.h"

static const int life_running[] = { OCF_SUCCESS, OCF_DEGRADED, -1 };
static const int life_running_roles[] = { OCF_SUCCESS, OCF_DEGRADED,
    OCF_RUNNING_PROMOTED, OCF_DEGRADED_PROMOTED, -1 };

/*
 * What "running" may be for the rows that ask only whether the resource
 * runs: for an agent with roles, promoted is running too.  Whether it is
 * in the right role is what role.* judge, once.
 */
static const int *
life_up(const struct oc_ctx *ctx)
{
	return ctx->roles ? life_running_roles : life_running;
}

/* Did r exit with one of codes[] (ended by -1)? */
static int
life_is_any(const struct oc_run *r, const int *codes)
{
	for (; *codes >= 0; codes++)
		if (oc_run_is(r, *codes))
			return 1;
	return 0;
}

/* The pids of instance's processes that action started (any action when
 * NULL), as a list of n; free() it. */
static pid_t *
life_pids(struct oc_ctx *ctx, const char *action, size_t *np)
{
	struct oc_leftover *l;
	size_t n, i, k = 0;
	pid_t *pids;

	n = oc_agent_leftovers(ctx->agent, ctx->agent->instance, &l);
	pids = xcalloc(n ? n : 1, sizeof(*pids));
	for (i = 0; i < n; i++)
		if (action == NULL || strcmp(l[i].action, action) == 0)
			pids[k++] = l[i].pid;
	oc_leftovers_free(l, n);
	*np = k;
	return pids;
}

static int
life_in(const pid_t *pids, size_t n, pid_t pid)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (pids[i] == pid)
			return 1;
	return 0;
}

/* Kill pids[] with SIGKILL and reap them. */
static void
life_kill(const pid_t *pids, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		kill(pids[i], SIGKILL);
	if (n > 0) {
		usleep(20000);
		oc_proc_reap_orphans();
	}
}

/* Bring the resource to stopped after an unexpected monitor result. */
static void
life_force_stop(struct oc_ctx *ctx, const struct oc_run *mon,
    struct oc_result *res)
{
	const struct oc_run *r;

	if (oc_run_is(mon, OCF_RUNNING_PROMOTED)) {
		r = oc_ctx_run(ctx, "demote");
		oc_note(res, "it was promoted: demote %s",
		    oc_run_is(r, 0) ? "returned 0" : "failed");
	}
	r = oc_ctx_run(ctx, "stop");
	r = oc_ctx_monitor(ctx, OC_MON_RECURRING);
	if (oc_run_is(r, OCF_NOT_RUNNING)) {
		oc_note(res, "stopped it before testing");
		ctx->state = OC_ST_STOPPED;
	} else
		oc_ctx_broken(ctx, "the resource could not be brought to the "
		    "stopped state (life.initial-7)");
}

static enum oc_status
life_initial_7(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_run *r = oc_ctx_monitor(ctx, OC_MON_RECURRING);

	if (oc_expect(res, r, OCF_NOT_RUNNING)) {
		ctx->state = OC_ST_STOPPED;
		return OC_PASS;
	}
	if (oc_run_is(r, OCF_SUCCESS) || oc_run_is(r, OCF_RUNNING_PROMOTED) ||
	    oc_run_is(r, OCF_DEGRADED)) {
		oc_note(res, "the resource was already running (left over from "
		    "an earlier run?)");
		ctx->started_once = 1;
		life_force_stop(ctx, r, res);
	} else
		oc_ctx_broken(ctx, "monitor of the never-started resource gave "
		    "%s (life.initial-7); check the parameters given with -o",
		    ocf_rc_str(r->status));
	return OC_FAIL;
}

static enum oc_status
probe_stopped_7(struct oc_ctx *ctx, struct oc_result *res)
{
	ctx->probe_absent = oc_ctx_monitor(ctx, OC_MON_PROBE);
	ctx->probe_zero = oc_ctx_monitor(ctx, OC_MON_PROBE_0);
	oc_expect(res, ctx->probe_absent, OCF_NOT_RUNNING);
	oc_expect(res, ctx->probe_zero, OCF_NOT_RUNNING);
	return res->status;
}

static enum oc_status
probe_interval_absent(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_run *a = ctx->probe_absent, *z = ctx->probe_zero;

	if (a == NULL || z == NULL) {
		a = oc_ctx_monitor(ctx, OC_MON_PROBE);
		z = oc_ctx_monitor(ctx, OC_MON_PROBE_0);
	}
	if (a->end == z->end && a->status == z->status)
		return OC_PASS;
	res->run = a;
	return oc_fail(res, "a probe without OCF_RESKEY_CRM_meta_interval gave "
	    "%s, with it set to 0 %s: Pacemaker 2.0.5 and later omit it",
	    ocf_rc_str(a->status), ocf_rc_str(z->status));
}

static enum oc_status
probe_no_binaries(struct oc_ctx *ctx, struct oc_result *res)
{
	static const int ok[] = { OCF_NOT_RUNNING, OCF_ERR_INSTALLED, -1 };
	struct oc_action a = OC_ACTION_INIT("monitor");
	const struct oc_run *r;

	a.label = "probe";
	oc_env_set(&a.set, "OCF_TESTER_FAIL_HAVE_BINARY", "1");
	r = oc_agent_run(ctx->agent, &a);
	oc_action_release(&a);
	oc_expect_rc(res, r, ok);
	return res->status;
}

static enum oc_status
life_monitor_readonly(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_run *a = oc_ctx_monitor(ctx, OC_MON_RECURRING);
	const struct oc_run *b = oc_ctx_monitor(ctx, OC_MON_RECURRING);
	struct oc_leftover *l;
	size_t n, i;

	if (a->status != b->status || a->end != b->end) {
		res->run = b;
		oc_fail(res, "two monitors in a row disagree: %s, then %s",
		    ocf_rc_str(a->status), ocf_rc_str(b->status));
	}
	n = oc_agent_leftovers(ctx->agent, ctx->agent->instance, &l);
	for (i = 0; i < n; i++)
		if (strcmp(l[i].action, "monitor") == 0) {
			oc_fail(res, "monitor of the stopped resource left a "
			    "process running: pid %ld (%s)", (long)l[i].pid,
			    l[i].cmdline);
			break;
		}
	oc_leftovers_free(l, n);
	return res->status;
}

/* Remember which processes start left running (life.start-no-dup). */
static void
life_census(struct oc_ctx *ctx)
{
	free(ctx->start_pids);
	ctx->start_pids = life_pids(ctx, "start", &ctx->nstart_pids);
}

static enum oc_status
life_start_0(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_run *r = oc_ctx_run(ctx, "start");

	ctx->started_once = 1;
	if (!oc_expect(res, r, OCF_SUCCESS)) {
		oc_ctx_broken(ctx, "start failed (life.start-0): the checks that "
		    "need a running resource were skipped");
		return OC_FAIL;
	}
	ctx->state = OC_ST_RUNNING;
	return OC_PASS;
}

static enum oc_status
life_start_complete(struct oc_ctx *ctx, struct oc_result *res)
{
	static const int ok[] = { OCF_SUCCESS, OCF_DEGRADED,
	    OCF_RUNNING_PROMOTED, -1 };
	const struct oc_run *r = oc_ctx_monitor(ctx, OC_MON_RECURRING);
	long long until;

	if (oc_expect_rc(res, r, ok)) {
		life_census(ctx);
		return OC_PASS;
	}
	oc_note(res, "start returned before the resource was running");
	/* let it finish, so that the later checks still mean something */
	until = oc_now_ms() + oc_agent_timeout(ctx->agent, "start");
	while (oc_now_ms() < until && !oc_proc_interrupted) {
		usleep(200000);
		r = oc_ctx_monitor(ctx, OC_MON_RECURRING);
		if (oc_run_is(r, OCF_SUCCESS) || oc_run_is(r, OCF_DEGRADED)) {
			oc_note(res, "it was running %ld ms later",
			    (long)(oc_now_ms() - (until -
			    oc_agent_timeout(ctx->agent, "start"))));
			life_census(ctx);
			return OC_FAIL;
		}
	}
	oc_ctx_broken(ctx, "the resource never reported running after start "
	    "(life.start-complete)");
	return OC_FAIL;
}

static enum oc_status
life_start_stable(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_run *r;
	int i;

	for (i = 0; i < 3; i++) {
		if (i > 0)
			usleep(100000);
		r = oc_ctx_monitor(ctx, OC_MON_RECURRING);
		if (!oc_expect_rc(res, r, life_up(ctx))) {
			oc_note(res, "monitor %d of 3 in the 0.2 s after start",
			    i + 1);
			break;
		}
	}
	if (res->status == OC_PASS)
		return OC_PASS;
	/* start it again, so that the later rows still mean something */
	if (oc_run_is(oc_ctx_run(ctx, "start"), OCF_SUCCESS) &&
	    life_is_any(oc_ctx_monitor(ctx, OC_MON_RECURRING), life_up(ctx))) {
		oc_note(res, "ocf-check started it again for the later checks");
		life_census(ctx);
	} else
		oc_ctx_broken(ctx, "the resource did not stay running after "
		    "start, and a new start did not bring it back "
		    "(life.start-stable)");
	return OC_FAIL;
}

static enum oc_status
probe_running_0(struct oc_ctx *ctx, struct oc_result *res)
{
	oc_expect_rc(res, oc_ctx_monitor(ctx, OC_MON_PROBE), life_up(ctx));
	return res->status;
}

static enum oc_status
life_start_idempotent(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_run *r = oc_ctx_run(ctx, "start");

	if (!oc_expect(res, r, OCF_SUCCESS))
		return OC_FAIL;
	oc_expect_rc(res, oc_ctx_monitor(ctx, OC_MON_RECURRING), life_up(ctx));
	return res->status;
}

/*
 * A new process of start's beside one that the first start left: a second
 * copy.  When none of those still runs, the service had died and this
 * start replaced it, which is right.
 */
static enum oc_status
life_start_no_dup(struct oc_ctx *ctx, struct oc_result *res)
{
	struct oc_leftover *l;
	size_t n, i, old = 0;

	n = oc_agent_leftovers(ctx->agent, ctx->agent->instance, &l);
	for (i = 0; i < n; i++)
		if (life_in(ctx->start_pids, ctx->nstart_pids, l[i].pid))
			old++;
	for (i = 0; i < n && old > 0; i++)
		if (strcmp(l[i].action, "start") == 0 &&
		    !life_in(ctx->start_pids, ctx->nstart_pids, l[i].pid))
			oc_fail(res, "after the second start a new process runs "
			    "beside the first start's: pid %ld (%s): a second "
			    "copy of the service", (long)l[i].pid, l[i].cmdline);
	if (old == 0 && ctx->nstart_pids > 0)
		oc_note(res, "the processes of the first start had ended; the "
		    "second start replaced them");
	oc_leftovers_free(l, n);
	return res->status;
}

static enum oc_status
life_crash_detected(struct oc_ctx *ctx, struct oc_result *res)
{
	static const int bad[] = { OCF_SUCCESS, OCF_DEGRADED,
	    OCF_RUNNING_PROMOTED, OCF_DEGRADED_PROMOTED };
	const struct oc_run *r;
	size_t killed, i;
	pid_t *pids = life_pids(ctx, "start", &killed);

	life_kill(pids, killed);
	free(pids);
	if (killed == 0)
		return oc_skip(res, "start left no process running: nothing to "
		    "crash");
	oc_note(res, "killed %zu process%s with SIGKILL", killed,
	    killed == 1 ? "" : "es");
	r = oc_ctx_monitor(ctx, OC_MON_RECURRING);
	for (i = 0; i < OC_ARRAY_SIZE(bad); i++)
		if (oc_run_is(r, bad[i])) {
			res->run = r;
			oc_fail(res, "after its processes were killed, monitor "
			    "still says %s: it trusts something (a PID file?) "
			    "that outlived the service", ocf_rc_str(r->status));
			break;
		}
	r = oc_ctx_run(ctx, "stop");
	if (!oc_expect(res, r, OCF_SUCCESS))
		oc_note(res, "stop after a crash must clean up and return 0");
	if (!oc_expect(res, oc_ctx_monitor(ctx, OC_MON_RECURRING),
	    OCF_NOT_RUNNING)) {
		oc_ctx_broken(ctx, "the crashed resource could not be stopped "
		    "(life.crash-detected)");
		return OC_FAIL;
	}
	r = oc_ctx_run(ctx, "start");
	if (!oc_run_is(r, OCF_SUCCESS) ||
	    !oc_expect_rc(res, oc_ctx_monitor(ctx, OC_MON_RECURRING),
	    life_up(ctx))) {
		oc_ctx_broken(ctx, "the resource could not be started again "
		    "after the crash test (life.crash-detected)");
		return oc_fail(res, "start after the crash test failed");
	}
	life_census(ctx);
	return res->status;
}

static const struct oc_run *
life_monitor_depth(struct oc_ctx *ctx, int depth)
{
	struct oc_action a = OC_ACTION_INIT("monitor");
	const struct oc_run *r;
	char iv[32];

	snprintf(iv, sizeof(iv), "%ld", oc_ctx_monitor_interval(ctx));
	oc_env_set(&a.set, "OCF_RESKEY_CRM_meta_interval", iv);
	oc_env_set(&a.set, "OCF_RESKEY_CRM_meta_name", "monitor");
	snprintf(iv, sizeof(iv), "%d", depth);
	oc_env_set(&a.set, "OCF_CHECK_LEVEL", iv);
	r = oc_agent_run(ctx->agent, &a);
	oc_action_release(&a);
	return r;
}

static enum oc_status
depth_advertised(struct oc_ctx *ctx, struct oc_result *res)
{
	size_t i, tried = 0;

	for (i = 0; i < ctx->meta->nactions; i++) {
		const struct oc_meta_action *a = &ctx->meta->actions[i];

		if (strcmp(a->name, "monitor") != 0 || a->depth_n <= 0)
			continue;
		tried++;
		oc_expect_rc(res, life_monitor_depth(ctx, a->depth_n),
		    life_up(ctx));
	}
	if (tried == 0)
		return oc_skip(res, "no monitor depth other than 0 is advertised");
	return res->status;
}

static enum oc_status
depth_fallback(struct oc_ctx *ctx, struct oc_result *res)
{
	oc_expect_rc(res, life_monitor_depth(ctx, 15), life_up(ctx));
	if (res->status == OC_FAIL)
		oc_note(res, "an unadvertised level should behave like the next "
		    "lower one it supports");
	return res->status;
}

/* The second half: stop and what follows. */

static enum oc_status
life_stop_0(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_run *r = oc_ctx_run(ctx, "stop");

	if (!oc_expect(res, r, OCF_SUCCESS)) {
		oc_ctx_broken(ctx, "stop failed (life.stop-0)");
		return OC_FAIL;
	}
	ctx->state = OC_ST_STOPPED;
	return OC_PASS;
}

static enum oc_status
life_stop_complete(struct oc_ctx *ctx, struct oc_result *res)
{
	long long t0 = oc_now_ms(), until;
	const struct oc_run *r;

	if (oc_expect(res, oc_ctx_monitor(ctx, OC_MON_RECURRING),
	    OCF_NOT_RUNNING))
		return OC_PASS;
	oc_note(res, "stop returned before the resource was stopped");
	/* let it finish, so that the later checks still mean something */
	until = t0 + oc_agent_timeout(ctx->agent, "stop");
	while (oc_now_ms() < until && !oc_proc_interrupted) {
		usleep(200000);
		r = oc_ctx_monitor(ctx, OC_MON_RECURRING);
		if (oc_run_is(r, OCF_NOT_RUNNING)) {
			oc_note(res, "it was stopped %ld ms later",
			    (long)(oc_now_ms() - t0));
			return OC_FAIL;
		}
	}
	oc_ctx_broken(ctx, "monitor after stop never said stopped "
	    "(life.stop-complete)");
	return OC_FAIL;
}

static enum oc_status
life_stop_idempotent(struct oc_ctx *ctx, struct oc_result *res)
{
	oc_expect(res, oc_ctx_run(ctx, "stop"), OCF_SUCCESS);
	oc_expect(res, oc_ctx_monitor(ctx, OC_MON_RECURRING), OCF_NOT_RUNNING);
	return res->status;
}

/* Fail for each process of instance still alive, then kill them. */
static void
life_no_procs(struct oc_ctx *ctx, struct oc_result *res, const char *when)
{
	struct oc_leftover *l;
	size_t n, i;

	n = oc_agent_leftovers(ctx->agent, ctx->agent->instance, &l);
	for (i = 0; i < n; i++)
		oc_fail(res, "%s, pid %ld is still running: %s (started by %s)",
		    when, (long)l[i].pid, l[i].cmdline, l[i].action);
	if (n > 0) {
		oc_note(res, "ocf-check killed %s", n == 1 ? "it" : "them");
		oc_agent_kill_leftovers(ctx->agent, ctx->agent->instance);
	}
	oc_leftovers_free(l, n);
}

/* Fail for each process of the instance not in before[], and kill it. */
static void
life_new_procs(struct oc_ctx *ctx, struct oc_result *res, const pid_t *before,
    size_t nbefore, const char *when)
{
	struct oc_leftover *l;
	pid_t *kill_list;
	size_t n, i, k = 0;

	n = oc_agent_leftovers(ctx->agent, ctx->agent->instance, &l);
	kill_list = xcalloc(n ? n : 1, sizeof(*kill_list));
	for (i = 0; i < n; i++)
		if (!life_in(before, nbefore, l[i].pid)) {
			oc_fail(res, "%s, pid %ld is still running: %s (started "
			    "by %s)", when, (long)l[i].pid, l[i].cmdline,
			    l[i].action);
			kill_list[k++] = l[i].pid;
		}
	if (k > 0)
		oc_note(res, "ocf-check killed %s", k == 1 ? "it" : "them");
	life_kill(kill_list, k);
	free(kill_list);
	oc_leftovers_free(l, n);
}

static enum oc_status
clean_no_procs_after_stop(struct oc_ctx *ctx, struct oc_result *res)
{
	life_no_procs(ctx, res, "after stop");
	return res->status;
}

static enum oc_status
life_restartable(struct oc_ctx *ctx, struct oc_result *res)
{
	int i;

	for (i = 0; i < ctx->opts->restarts; i++) {
		ctx->started_once = 1;
		if (!oc_expect(res, oc_ctx_run(ctx, "start"), OCF_SUCCESS) ||
		    !oc_expect_rc(res, oc_ctx_monitor(ctx, OC_MON_RECURRING),
		    life_up(ctx)) ||
		    !oc_expect(res, oc_ctx_run(ctx, "stop"), OCF_SUCCESS) ||
		    !oc_expect(res, oc_ctx_monitor(ctx, OC_MON_RECURRING),
		    OCF_NOT_RUNNING)) {
			oc_note(res, "in cycle %d of %d", i + 1,
			    ctx->opts->restarts);
			oc_ctx_broken(ctx, "a start/stop cycle failed "
			    "(life.restartable)");
			return OC_FAIL;
		}
	}
	return OC_PASS;
}

/*
 * Make start fail on purpose: without the first required parameter, or
 * with a non-integer in an integer parameter.  Fills a; 0 if no way.
 */
static int
life_failing_start(struct oc_ctx *ctx, struct oc_action *a,
    struct oc_strv *params, int required_only)
{
	size_t i;

	oc_strv_copy(params, &ctx->agent->params);
	a->params = params;
	for (i = 0; i < ctx->meta->nparams; i++) {
		const struct oc_meta_param *p = &ctx->meta->params[i];

		if (p->required && oc_env_get(params, p->name) != NULL) {
			oc_env_unset(params, p->name);
			oc_strv_pushf(&a->unset, "OCF_RESKEY_%s", p->name);
			return 1;
		}
	}
	for (i = 0; i < ctx->meta->nparams && !required_only; i++) {
		const struct oc_meta_param *p = &ctx->meta->params[i];

		if (p->type != NULL && strcmp(p->type, "integer") == 0) {
			oc_env_set(params, p->name, "x1");
			oc_strv_pushf(&a->set, "OCF_RESKEY_%s=x1", p->name);
			return 1;
		}
	}
	return 0;
}

static enum oc_status
val_start_missing_required(struct oc_ctx *ctx, struct oc_result *res)
{
	static const int ok[] = { OCF_ERR_CONFIGURED, OCF_ERR_ARGS,
	    OCF_ERR_INSTALLED, -1 };
	struct oc_action a = OC_ACTION_INIT("start");
	struct oc_strv params = OC_STRV_INIT;
	const struct oc_run *r;
	pid_t *before;
	size_t nbefore;

	if (!life_failing_start(ctx, &a, &params, 1)) {
		oc_action_release(&a);
		oc_strv_release(&params);
		return oc_skip(res, "no required parameter was given with -o");
	}
	ctx->started_once = 1;
	before = life_pids(ctx, NULL, &nbefore);
	r = oc_agent_run(ctx->agent, &a);
	oc_expect_rc(res, r, ok);
	a.name = "stop";
	if (oc_run_is(r, OCF_SUCCESS))
		(void)oc_agent_run(ctx->agent, &a);
	oc_action_release(&a);
	oc_strv_release(&params);
	r = oc_ctx_monitor(ctx, OC_MON_RECURRING);
	if (!oc_run_is(r, OCF_NOT_RUNNING)) {
		oc_expect(res, r, OCF_NOT_RUNNING);
		oc_note(res, "the failed start left the resource running");
		(void)oc_ctx_run(ctx, "stop");
	}
	life_new_procs(ctx, res, before, nbefore, "after the failed start");
	free(before);
	return res->status;
}

static enum oc_status
life_failed_start_stop(struct oc_ctx *ctx, struct oc_result *res)
{
	struct oc_action a = OC_ACTION_INIT("start");
	struct oc_strv params = OC_STRV_INIT;
	const struct oc_run *r;
	enum oc_status st = OC_PASS;

	if (!life_failing_start(ctx, &a, &params, 0)) {
		st = oc_skip(res, "no way to make start fail: no required "
		    "parameter given with -o and no integer parameter");
		goto out;
	}
	ctx->started_once = 1;
	r = oc_agent_run(ctx->agent, &a);
	if (oc_run_is(r, OCF_SUCCESS)) {
		oc_note(res, "start did not fail with %s", r->env);
		a.name = "stop";
		(void)oc_agent_run(ctx->agent, &a);
		st = oc_skip(res, "start did not fail with a broken parameter");
		goto out;
	}
	/* Pacemaker answers a failed start with a stop, same parameters */
	a.name = "stop";
	oc_expect(res, oc_agent_run(ctx->agent, &a), OCF_SUCCESS);
	oc_expect(res, oc_ctx_monitor(ctx, OC_MON_RECURRING), OCF_NOT_RUNNING);
	st = res->status;
out:
	oc_action_release(&a);
	oc_strv_release(&params);
	return st;
}

/*
 * Its own failed start and stop, so that what they leave is told apart from
 * what earlier rows left.
 */
static enum oc_status
clean_after_failed_start(struct oc_ctx *ctx, struct oc_result *res)
{
	struct oc_action a = OC_ACTION_INIT("start");
	struct oc_strv params = OC_STRV_INIT;
	pid_t *before = NULL;
	size_t nbefore;
	enum oc_status st;

	if (!life_failing_start(ctx, &a, &params, 0)) {
		st = oc_skip(res, "no way to make start fail: no required "
		    "parameter given with -o and no integer parameter");
		goto out;
	}
	ctx->started_once = 1;
	before = life_pids(ctx, NULL, &nbefore);
	if (oc_run_is(oc_agent_run(ctx->agent, &a), OCF_SUCCESS)) {
		a.name = "stop";
		(void)oc_agent_run(ctx->agent, &a);
		st = oc_skip(res, "start did not fail with a broken parameter");
		goto out;
	}
	a.name = "stop";
	(void)oc_agent_run(ctx->agent, &a);
	life_new_procs(ctx, res, before, nbefore,
	    "after a failed start and its stop");
	st = res->status;
out:
	free(before);
	oc_action_release(&a);
	oc_strv_release(&params);
	return st;
}

#define RUNNING		(OC_NEED_LIFE | OC_NEED_RUNNING)
#define STOPPED		(OC_NEED_LIFE | OC_NEED_STOPPED)

static const struct oc_check life_start_rows[] = {
	{ "life.initial-7", "monitor of a never-started instance returns 7",
	  OC_SEV_ERROR, "S1.1 §Exit Status Codes (7)", OC_NEED_LIFE | OC_STATE,
	  life_initial_7 },
	{ "probe.stopped-7", "a probe of the stopped resource returns 7",
	  OC_SEV_ERROR, "S1.1 §7; SF ocf_is_probe()", STOPPED, probe_stopped_7 },
	{ "probe.interval-absent", "probes agree with the interval absent or "
	  "0", OC_SEV_WARNING, "pe_actions.c pcmk__unpack_action_meta()",
	  STOPPED, probe_interval_absent },
	{ "probe.no-binaries", "a probe with binaries missing returns 7 or 5",
	  OC_SEV_ERROR, "ocf-tester; PUN (probe + 5: leave stopped)", STOPPED,
	  probe_no_binaries },
	{ "life.monitor-readonly", "monitor changes nothing", OC_SEV_WARNING,
	  "S1.1 §monitor", STOPPED, life_monitor_readonly },
	{ "life.start-0", "start returns 0", OC_SEV_ERROR,
	  "S1.1 §Mandatory Actions", STOPPED | OC_STATE, life_start_0 },
	{ "life.start-complete", "monitor right after start returns 0",
	  OC_SEV_ERROR, "S1.1 §start; PA §Action Completion",
	  RUNNING | OC_STATE, life_start_complete },
	{ "life.start-stable", "the resource stays running after start",
	  OC_SEV_WARNING, "PA §Action Completion", RUNNING, life_start_stable },
	{ "probe.running-0", "a probe of the running resource returns 0",
	  OC_SEV_ERROR, "S1.1 §Exit Status Codes (0)", RUNNING,
	  probe_running_0 },
	{ "life.start-idempotent", "start when running returns 0",
	  OC_SEV_ERROR, "S1.1 §start", RUNNING, life_start_idempotent },
	{ "life.start-no-dup", "a second start starts no second copy",
	  OC_SEV_WARNING, "S1.1 §Resource Agent Actions", RUNNING,
	  life_start_no_dup },
	{ "life.crash-detected", "monitor notices that the service was killed",
	  OC_SEV_ERROR, "S1.1 §monitor; DG §monitor", RUNNING | OC_STATE,
	  life_crash_detected },
	{ "depth.advertised", "each advertised OCF_CHECK_LEVEL returns 0 "
	  "while running", OC_SEV_ERROR, "S1.1 §Check Levels",
	  RUNNING | OC_NEED_META, depth_advertised },
	{ "depth.fallback", "an unadvertised OCF_CHECK_LEVEL falls back",
	  OC_SEV_INFO, "S1.1 §Check Levels", RUNNING, depth_fallback },
};

static const struct oc_check life_stop_rows[] = {
	{ "life.stop-0", "stop returns 0", OC_SEV_ERROR, "S1.1 §stop",
	  RUNNING | OC_STATE, life_stop_0 },
	{ "life.stop-complete", "monitor right after stop returns 7",
	  OC_SEV_ERROR, "S1.1 §stop; PA §Action Completion", STOPPED | OC_STATE,
	  life_stop_complete },
	{ "life.stop-idempotent", "stop when stopped returns 0", OC_SEV_ERROR,
	  "S1.1 §stop", STOPPED, life_stop_idempotent },
	{ "clean.no-procs-after-stop", "no process survives stop",
	  OC_SEV_ERROR, "S1.1 §stop", STOPPED | OC_STATE,
	  clean_no_procs_after_stop },
	{ "life.restartable", "start/stop cycles all succeed", OC_SEV_ERROR,
	  "S1.1 §stop", STOPPED | OC_STATE, life_restartable },
	{ "val.start-missing-required", "start without a required parameter "
	  "fails and starts nothing", OC_SEV_ERROR, "DG §start",
	  STOPPED | OC_NEED_META | OC_STATE, val_start_missing_required },
	{ "life.failed-start-stop", "after a failed start, stop returns 0",
	  OC_SEV_ERROR, "DG §stop action; PUN recovery",
	  STOPPED | OC_NEED_META | OC_STATE, life_failed_start_stop },
	{ "clean.after-failed-start", "no process survives a failed start",
	  OC_SEV_ERROR, "S1.1 §stop", STOPPED | OC_NEED_META | OC_STATE,
	  clean_after_failed_start },
};

const struct oc_check_group oc_checks_life_start = {
	life_start_rows, OC_ARRAY_SIZE(life_start_rows)
};
const struct oc_check_group oc_checks_life_stop = {
	life_stop_rows, OC_ARRAY_SIZE(life_stop_rows)
};
