/*
 * What check bodies do to the agent, shared: monitors of each kind and the
 * observation they share, runs, the pids an action left, waits, the stop
 * that brings an instance down by the protocol, and the final cleanup.
 * The table and the row runner are in check.c.
 */
#include "config.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "meta.h"
#include "ocf.h"

void
oc_ctx_broken(struct oc_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	oc_buf_reset(&ctx->state_why);
	va_start(ap, fmt);
	oc_buf_vaddf(&ctx->state_why, fmt, ap);
	va_end(ap);
	ctx->state = OC_ST_BROKEN;
}

long
oc_ctx_monitor_interval(const struct oc_ctx *ctx)
{
	size_t i;

	if (ctx->meta != NULL)
		for (i = 0; i < ctx->meta->nactions; i++) {
			const struct oc_meta_action *a = &ctx->meta->actions[i];

			if (strcmp(a->name, "monitor") == 0 && a->interval_ms > 0)
				return (long)a->interval_ms;
		}
	return 10000;
}

void
oc_ctx_recurring_env(const struct oc_ctx *ctx, struct oc_strv *set)
{
	char iv[32];

	snprintf(iv, sizeof(iv), "%ld", oc_ctx_monitor_interval(ctx));
	oc_env_set(set, "OCF_RESKEY_CRM_meta_interval", iv);
	oc_env_set(set, "OCF_RESKEY_CRM_meta_name", "monitor");
}

/* The action oc_ctx_monitor() runs for kind; oc_action_release() it. */
static void
check_monitor_action(const struct oc_ctx *ctx, enum oc_monitor_kind kind,
    struct oc_action *a)
{
	switch (kind) {
	case OC_MON_RECURRING:
		oc_ctx_recurring_env(ctx, &a->set);
		break;
	case OC_MON_PROBE:
		a->label = "probe";
		break;
	case OC_MON_PROBE_0:
		a->label = "probe";
		oc_env_set(&a->set, "OCF_RESKEY_CRM_meta_interval", "0");
		break;
	}
}

const struct oc_run *
oc_ctx_monitor(struct oc_ctx *ctx, enum oc_monitor_kind kind)
{
	struct oc_action a = OC_ACTION_INIT("monitor");
	const struct oc_run *r;

	check_monitor_action(ctx, kind, &a);
	r = oc_agent_run(ctx->agent, &a);
	oc_action_release(&a);
	return r;
}

/* Is r a monitor of the instance as the checks run it (not a cleanup)? */
static int
check_own_monitor(const struct oc_ctx *ctx, const struct oc_run *r)
{
	return r->action != NULL && strcmp(r->action, "monitor") == 0 &&
	    !r->cleanup && !r->as_user &&
	    strcmp(r->instance, ctx->agent->instance) == 0;
}

const struct oc_run *
oc_ctx_observe(struct oc_ctx *ctx, enum oc_monitor_kind kind)
{
	struct oc_action a = OC_ACTION_INIT("monitor");
	const struct oc_run *found = NULL;
	char *env;
	size_t i;

	check_monitor_action(ctx, kind, &a);
	env = oc_action_env_note(ctx->agent, &a);
	for (i = ctx->agent->nruns; i-- > 0 && found == NULL; ) {
		const struct oc_run *r = ctx->agent->runs[i];

		if (!check_own_monitor(ctx, r))
			break;		/* something else ran since */
		if (strcmp(r->env, env) == 0 && r->end == OC_PROC_EXITED &&
		    strcmp(oc_run_name(r), a.label ? a.label : a.name) == 0)
			found = r;
	}
	free(env);
	oc_action_release(&a);
	return found != NULL ? found : oc_ctx_monitor(ctx, kind);
}

const struct oc_run *
oc_ctx_last_run(const struct oc_ctx *ctx, const char *name)
{
	size_t i;

	for (i = ctx->agent->nruns; i-- > 0; )
		if (ctx->agent->runs[i]->action != NULL &&
		    strcmp(ctx->agent->runs[i]->action, name) == 0)
			return ctx->agent->runs[i];
	return NULL;
}

const struct oc_run *
oc_ctx_run(struct oc_ctx *ctx, const char *name)
{
	return oc_agent_simple(ctx->agent, name);
}

static const int check_running[] = { OCF_SUCCESS, OCF_DEGRADED, -1 };
static const int check_running_roles[] = { OCF_SUCCESS, OCF_DEGRADED,
    OCF_RUNNING_PROMOTED, OCF_DEGRADED_PROMOTED, -1 };

/*
 * What "running" may be for the rows that ask only whether the resource
 * runs: for an agent with roles, promoted is running too.  Whether it is
 * in the right role is what role.* judge, once.
 */
const int *
oc_ctx_up_codes(const struct oc_ctx *ctx)
{
	return ctx->roles ? check_running_roles : check_running;
}

/* Did r exit with one of codes[] (ended by -1)? */
int
oc_run_is_any(const struct oc_run *r, const int *codes)
{
	for (; *codes >= 0; codes++)
		if (oc_run_is(r, *codes))
			return 1;
	return 0;
}

/* The pids of instance's processes that action started (any action when
 * NULL), as a list of n; free() it. */
pid_t *
oc_ctx_pids(struct oc_ctx *ctx, const char *action, size_t *np)
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

int
oc_pid_in(const pid_t *pids, size_t n, pid_t pid)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (pids[i] == pid)
			return 1;
	return 0;
}

const struct oc_run *
oc_ctx_await(struct oc_ctx *ctx, const int *codes, long limit_ms)
{
	long long until = oc_now_ms() + limit_ms;
	const struct oc_run *r;

	while (oc_now_ms() < until && !oc_proc_interrupted) {
		oc_ctx_sleep(ctx, 200);
		r = oc_ctx_monitor(ctx, OC_MON_RECURRING);
		if (oc_run_is_any(r, codes))
			return r;
	}
	return NULL;
}

void
oc_ctx_sleep(struct oc_ctx *ctx, long ms)
{
	long long t0 = oc_now_ms();

	if (oc_proc_interrupted || ms <= 0)
		return;
	usleep((useconds_t)ms * 1000);
	ctx->waited_ms += (long)(oc_now_ms() - t0);
}

/* Kill pids[] with SIGKILL and reap them. */
void
oc_pids_kill(const pid_t *pids, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		kill(pids[i], SIGKILL);
	if (n > 0) {
		usleep(20000);
		oc_proc_reap_orphans();
	}
}

int
oc_ctx_force_stop(struct oc_ctx *ctx, const struct oc_run *mon,
    struct oc_result *res)
{
	static const int promoted[] = { OCF_RUNNING_PROMOTED,
	    OCF_DEGRADED_PROMOTED, -1 };
	const struct oc_run *r;

	if (!oc_run_is(mon, OCF_NOT_RUNNING)) {
		if (oc_run_is_any(mon, promoted)) {
			r = oc_ctx_run(ctx, "demote");
			if (res != NULL)
				oc_note(res, "it was promoted: demote %s",
				    oc_run_is(r, 0) ? "returned 0" : "failed");
		}
		(void)oc_ctx_run(ctx, "stop");
		mon = oc_ctx_monitor(ctx, OC_MON_RECURRING);
		if (!oc_run_is(mon, OCF_NOT_RUNNING))
			return -1;
	}
	ctx->state = OC_ST_STOPPED;
	return 0;
}

/* Run a cleanup action: not interruptible. */
static const struct oc_run *
check_cleanup_action(struct oc_ctx *ctx, const char *name,
    const char *instance, const struct oc_strv *params)
{
	struct oc_action a = OC_ACTION_INIT(name);
	const struct oc_run *r;

	a.cleanup = 1;
	a.instance = instance;
	a.params = params;
	if (strcmp(name, "monitor") == 0)
		a.label = "probe";
	r = oc_agent_run(ctx->agent, &a);
	oc_action_release(&a);
	return r;
}

/* Stop one instance for good; 0 when it ended stopped. */
static int
check_stop_instance(struct oc_ctx *ctx, const char *inst,
    const struct oc_strv *params, struct oc_buf *why)
{
	const struct oc_run *r;
	struct oc_buf d = OC_BUF_INIT;
	int rc = 0, i;

	r = check_cleanup_action(ctx, "monitor", inst, params);
	if (oc_run_is(r, OCF_NOT_RUNNING))
		return 0;
	if (oc_run_is(r, OCF_RUNNING_PROMOTED) ||
	    oc_run_is(r, OCF_FAILED_PROMOTED) ||
	    oc_run_is(r, OCF_DEGRADED_PROMOTED)) {
		r = check_cleanup_action(ctx, "demote", inst, params);
		oc_buf_addf(why, "%sdemoted '%s' (demote %s)", why->len ? "; " : "",
		    inst, oc_run_is(r, 0) ? "returned 0" : "failed");
	}
	r = check_cleanup_action(ctx, "stop", inst, params);
	if (!oc_run_is(r, OCF_SUCCESS)) {
		oc_run_describe(r, &d);
		oc_buf_addf(why, "%sstop of '%s' %s", why->len ? "; " : "", inst,
		    d.buf);
		rc = -1;
	} else
		oc_buf_addf(why, "%sstopped '%s'", why->len ? "; " : "", inst);
	/* a slow stop may still be finishing: give it a few seconds */
	r = check_cleanup_action(ctx, "monitor", inst, params);
	for (i = 0; i < 25 && rc == 0 && !oc_run_is(r, OCF_NOT_RUNNING); i++) {
		oc_ctx_sleep(ctx, 200);
		r = check_cleanup_action(ctx, "monitor", inst, params);
	}
	if (!oc_run_is(r, OCF_NOT_RUNNING)) {
		oc_buf_reset(&d);
		oc_run_describe(r, &d);
		oc_buf_addf(why, "; monitor of '%s' after the final stop %s",
		    inst, d.buf);
		rc = -1;
	}
	oc_buf_release(&d);
	return rc;
}

int
oc_ctx_cleanup(struct oc_ctx *ctx, struct oc_buf *why)
{
	struct oc_agent *ag = ctx->agent;
	struct oc_leftover *l;
	size_t n, i;
	int rc = 0;

	if (ctx->unrunnable)
		return 0;		/* nothing could have been started */
	if (ctx->started_once || ctx->state != OC_ST_STOPPED) {
		if (check_stop_instance(ctx, ag->instance, NULL, why) == -1)
			rc = -1;
	}
	if (ctx->instance2 != NULL && ctx->instance2_started &&
	    check_stop_instance(ctx, ctx->instance2,
	    ag->params2.n ? &ag->params2 : NULL, why) == -1)
		rc = -1;
	n = oc_agent_leftovers(ag, NULL, &l);
	if (n > 0) {
		oc_buf_addf(why, "%skilled %zu process%s the agent left behind:",
		    why->len ? "; " : "", n, n == 1 ? "" : "es");
		for (i = 0; i < n; i++) {
			oc_buf_addf(why, " pid %ld (%s, started by %s)",
			    (long)l[i].pid, l[i].cmdline, l[i].action);
			oc_strv_pushf(&ctx->cleanup_leftovers, "%s\t%ld\t%s",
			    l[i].action, (long)l[i].pid, l[i].cmdline);
		}
		oc_agent_kill_leftovers(ag, NULL);
	}
	oc_leftovers_free(l, n);
	ctx->state = rc == 0 ? OC_ST_STOPPED : OC_ST_BROKEN;
	return rc;
}
