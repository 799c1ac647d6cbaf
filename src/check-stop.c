/*
 * The lifecycle from stop on (ocf-rules §1.7, §1.9, §1.17): stop, stop
 * again, leftover processes, restart cycles, and failed starts with the
 * stop Pacemaker answers them with.  It runs after the optional and role
 * rows, which leave the resource started.
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agent.h"
#include "artifacts.h"
#include "check.h"
#include "meta.h"
#include "ocf.h"

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
	static const int down[] = { OCF_NOT_RUNNING, -1 };
	long long t0 = oc_now_ms();

	if (oc_expect(res, oc_ctx_monitor(ctx, OC_MON_RECURRING),
	    OCF_NOT_RUNNING))
		return OC_PASS;
	oc_note(res, "stop returned before the resource was stopped");
	/* let it finish, so that the later checks still mean something */
	if (oc_ctx_await(ctx, down, oc_agent_timeout(ctx->agent, "stop"))) {
		oc_note(res, "it was stopped %ld ms later",
		    (long)(oc_now_ms() - t0));
		return OC_FAIL;
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
		if (!oc_pid_in(before, nbefore, l[i].pid)) {
			oc_fail(res, "%s, pid %ld is still running: %s (started "
			    "by %s)", when, (long)l[i].pid, l[i].cmdline,
			    l[i].action);
			kill_list[k++] = l[i].pid;
		}
	if (k > 0)
		oc_note(res, "ocf-check killed %s", k == 1 ? "it" : "them");
	oc_pids_kill(kill_list, k);
	free(kill_list);
	oc_leftovers_free(l, n);
}

static enum oc_status
clean_no_procs_after_stop(struct oc_ctx *ctx, struct oc_result *res)
{
	life_no_procs(ctx, res, "after stop");
	return res->status;
}

/* What is there now and was not before the first start (life.start-0). */
static enum oc_status
clean_artifacts(struct oc_ctx *ctx, struct oc_result *res)
{
	struct oc_artifact_places at = OC_ARTIFACT_PLACES(ctx->agent->rsctmp);
	struct oc_strv after = OC_STRV_INIT, left = OC_STRV_INIT;
	size_t i;

	if (!ctx->artifacts_taken)
		return oc_skip(res, "start never ran (life.start-0)");
	oc_artifacts_snapshot(&at, &after);
	oc_artifacts_new(&ctx->artifacts_before, &after, &left);
	for (i = 0; i < left.n && i < 10; i++)
		oc_fail(res, "%s: not there before start, still there after "
		    "stop", left.v[i]);
	if (left.n > 10)
		oc_note(res, "and %zu more", left.n - 10);
	if (left.n > 0)
		oc_note(res, "stop should remove what start created (files "
		    "under HA_RSCTMP, shared memory, semaphores, message "
		    "queues, lock files); something else on this machine may "
		    "have made the shared ones");
	oc_strv_release(&after);
	oc_strv_release(&left);
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
		    oc_ctx_up_codes(ctx)) ||
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
	before = oc_ctx_pids(ctx, NULL, &nbefore);
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
	before = oc_ctx_pids(ctx, NULL, &nbefore);
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
	{ "clean.artifacts", "stop removes what start created", OC_SEV_WARNING,
	  "S1.1 §stop (artifacts)", STOPPED, clean_artifacts },
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

const struct oc_check_group oc_checks_life_stop = {
	life_stop_rows, OC_ARRAY_SIZE(life_stop_rows)
};
