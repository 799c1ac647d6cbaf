/* The check table, selection, result helpers and the row runner; the
 * helpers that act on the agent are in check-ctx.c. */
#include "config.h"

#include <fnmatch.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "meta.h"
#include "ocf.h"
#include "report.h"

/* Groups in run order: ocf-rules.md §1.20. */
static const struct oc_check_group *const check_groups[] = {
	&oc_checks_file, &oc_checks_meta, &oc_checks_schema, &oc_checks_lint,
	&oc_checks_exec, &oc_checks_val, &oc_checks_life_start, &oc_checks_opt,
	&oc_checks_role, &oc_checks_life_stop, &oc_checks_role_stopped,
	&oc_checks_multi, &oc_checks_final,
};
/* Groups that --meta-only keeps. */
static const struct oc_check_group *const check_meta_groups[] = {
	&oc_checks_file, &oc_checks_meta, &oc_checks_schema, &oc_checks_lint,
};

size_t
oc_checks_count(void)
{
	size_t i, n = 0;

	for (i = 0; i < OC_ARRAY_SIZE(check_groups); i++)
		n += check_groups[i]->n;
	return n;
}

const struct oc_check *
oc_check_at(size_t k)
{
	size_t i;

	for (i = 0; i < OC_ARRAY_SIZE(check_groups); i++) {
		if (k < check_groups[i]->n)
			return &check_groups[i]->rows[k];
		k -= check_groups[i]->n;
	}
	return NULL;
}

const struct oc_check *
oc_check_find(const char *id)
{
	size_t i, n = oc_checks_count();

	for (i = 0; i < n; i++)
		if (strcmp(oc_check_at(i)->id, id) == 0)
			return oc_check_at(i);
	return NULL;
}

const char *
oc_sev_name(enum oc_sev sev)
{
	switch (sev) {
	case OC_SEV_ERROR:
		return "error";
	case OC_SEV_WARNING:
		return "warning";
	default:
		return "info";
	}
}

static int
check_matches(const struct oc_strv *globs, const char *id)
{
	size_t i;

	for (i = 0; i < globs->n; i++)
		if (fnmatch(globs->v[i], id, 0) == 0)
			return 1;
	return 0;
}

int
oc_check_selected(const struct oc_options *o, const char *id)
{
	if (o->only.n > 0 && !check_matches(&o->only, id))
		return 0;
	return !check_matches(&o->skip, id);
}

const char *
oc_check_optin(const struct oc_check *c)
{
	if (c->needs & OC_WINDOW)
		return "--thorough or --stable";
	if (c->needs & OC_THOROUGH)
		return "--thorough";
	if (c->needs & OC_NEED_MIGRATE)
		return "--migrate";
	if (c->needs & OC_NEED_HOSTILE)
		return "--hostile-values";
	return NULL;
}

/*
 * Is a row beyond what Pacemaker does (OC_THOROUGH) turned on: by
 * --thorough, by naming it in --only, or, for the stability window, by
 * --stable?
 */
static int
check_thorough_on(const struct oc_options *o, const struct oc_check *c)
{
	if (o->thorough)
		return 1;
	if ((c->needs & OC_WINDOW) && o->stable_given)
		return 1;
	return o->only.n > 0 && check_matches(&o->only, c->id);
}

/* Does the current mode (--meta-only) run this row at all? */
static int
check_in_mode(const struct oc_options *o, const struct oc_check *c)
{
	size_t i;

	if (!o->meta_only)
		return 1;
	for (i = 0; i < OC_ARRAY_SIZE(check_meta_groups); i++)
		if (c >= check_meta_groups[i]->rows &&
		    c < check_meta_groups[i]->rows + check_meta_groups[i]->n)
			return 1;
	return 0;
}

/* Helpers for check bodies. */

static void
check_line(struct oc_buf *b, const char *fmt, va_list ap)
{
	if (b->len > 0 && b->buf[b->len - 1] != '\n')
		oc_buf_addch(b, '\n');
	oc_buf_vaddf(b, fmt, ap);
}

enum oc_status
oc_fail(struct oc_result *res, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	check_line(&res->why, fmt, ap);
	va_end(ap);
	res->status = OC_FAIL;
	return OC_FAIL;
}

enum oc_status
oc_fail_sev(struct oc_result *res, enum oc_sev sev, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	check_line(&res->why, fmt, ap);
	va_end(ap);
	/* a result keeps its worst severity */
	if (res->status != OC_FAIL || sev < res->sev)
		res->sev = sev;
	res->status = OC_FAIL;
	return OC_FAIL;
}

enum oc_status
oc_skip(struct oc_result *res, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	check_line(&res->why, fmt, ap);
	va_end(ap);
	res->status = OC_SKIP;
	return OC_SKIP;
}

void
oc_note(struct oc_result *res, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	check_line(&res->why, fmt, ap);
	va_end(ap);
}

int
oc_expect_rc(struct oc_result *res, const struct oc_run *r, const int *ok)
{
	struct oc_buf exp = OC_BUF_INIT, got = OC_BUF_INIT;
	size_t i;

	for (i = 0; ok[i] >= 0; i++)
		if (oc_run_is(r, ok[i]))
			return 1;
	for (i = 0; ok[i] >= 0; i++)
		oc_buf_addf(&exp, "%s%s", i == 0 ? "" : ok[i + 1] < 0 ? " or " :
		    ", ", ocf_rc_str(ok[i]));
	oc_run_describe(r, &got);
	snprintf(res->expected, sizeof(res->expected), "%s", exp.buf);
	res->run = r;
	if (r->env[0] != '\0')
		oc_fail(res, "%s (%s): expected %s, but it %s", oc_run_name(r),
		    r->env, exp.buf, got.buf);
	else
		oc_fail(res, "%s: expected %s, but it %s", oc_run_name(r),
		    exp.buf, got.buf);
	oc_buf_release(&exp);
	oc_buf_release(&got);
	return 0;
}

int
oc_expect(struct oc_result *res, const struct oc_run *r, int rc)
{
	int ok[2] = { rc, -1 };

	return oc_expect_rc(res, r, ok);
}

/* The row runner. */

/*
 * Can row c run now?  1 if so; else it is a SKIP with the reason in res:
 * -1 when only --thorough is missing (the summary counts those), 0
 * otherwise.
 */
static int
check_needs_met(struct oc_ctx *ctx, const struct oc_check *c,
    struct oc_result *res)
{
	unsigned n = c->needs;

	if (ctx->aborted && !(n & OC_FINAL)) {
		oc_skip(res, "ocf-check was interrupted");
		return 0;
	}
	if (ctx->unrunnable && !(n & OC_FINAL) && !(c >= oc_checks_file.rows &&
	    c < oc_checks_file.rows + oc_checks_file.n)) {
		oc_skip(res, "%s", ctx->state_why.buf);
		return 0;
	}
	if ((n & OC_NEED_META) && ctx->meta == NULL) {
		oc_skip(res, "needs meta-data, which could not be parsed");
		return 0;
	}
	if ((n & OC_NEED_ROOT) && !ctx->is_root) {
		oc_skip(res, "needs root");
		return 0;
	}
	if ((n & OC_NEED_ROLES) && !ctx->roles) {
		oc_skip(res, "the agent does not support promote and demote");
		return 0;
	}
	if ((n & OC_NEED_PARAMS2) && ctx->agent->params2.n == 0) {
		oc_skip(res, "needs a second parameter set (-O name=value) "
		    "for unique parameters");
		return 0;
	}
	if ((n & OC_THOROUGH) && !check_thorough_on(ctx->opts, c)) {
		oc_skip(res, "runs with %s", oc_check_optin(c));
		return -1;
	}
	if ((n & OC_NEED_MIGRATE) && !ctx->opts->migrate) {
		oc_skip(res, "migration emulation is opt-in (--migrate)");
		return 0;
	}
	if ((n & OC_NEED_HOSTILE) && !ctx->opts->hostile) {
		oc_skip(res, "hostile parameter values are opt-in "
		    "(--hostile-values)");
		return 0;
	}
	if ((n & OC_NEED_PROMOTED) && ctx->state != OC_ST_PROMOTED) {
		if (ctx->state == OC_ST_BROKEN && ctx->state_why.len)
			oc_skip(res, "%s", ctx->state_why.buf);
		else
			oc_skip(res, "needs the resource promoted (role.promote-8)");
		return 0;
	}
	if (((n & OC_NEED_RUNNING) && ctx->state != OC_ST_RUNNING) ||
	    ((n & OC_NEED_STOPPED) && ctx->state != OC_ST_STOPPED)) {
		if (ctx->state == OC_ST_BROKEN && ctx->state_why.len)
			oc_skip(res, "%s", ctx->state_why.buf);
		else
			oc_skip(res, "needs the resource %s",
			    (n & OC_NEED_RUNNING) ? "running" : "stopped");
		return 0;
	}
	return 1;
}

static void
check_result_init(struct oc_result *res, const struct oc_check *c)
{
	memset(res, 0, sizeof(*res));
	oc_buf_init(&res->why);
	res->sev = c->sev;
	res->status = OC_PASS;
}

static void
check_totals_add(struct oc_totals *t, const struct oc_result *res)
{
	t->checks++;
	switch (res->status) {
	case OC_PASS:
		t->passed++;
		break;
	case OC_SKIP:
		t->skipped++;
		break;
	case OC_ERROR:
		t->errors++;
		break;
	case OC_FAIL:
		if (res->sev == OC_SEV_ERROR)
			t->failed++;
		else if (res->sev == OC_SEV_WARNING) {
			t->warnings++;
			if (t->strict)
				t->failed++;
		} else
			t->infos++;
		break;
	}
}

static void
check_do_cleanup(struct oc_ctx *ctx)
{
	if (ctx->cleanup_done)
		return;
	ctx->cleanup_done = 1;
	if (ctx->opts->meta_only)
		return;
	ctx->cleanup_rc = oc_ctx_cleanup(ctx, &ctx->cleanup_why);
}

int
oc_checks_run(struct oc_ctx *ctx, struct oc_reporter *rep)
{
	size_t i, n = oc_checks_count(), nsel = 0, num = 0, last_sel = 0;
	unsigned char *sel = xcalloc(n, 1);
	struct oc_totals tot;
	struct oc_suite suite;
	long long t0 = oc_now_ms();
	char *name;

	memset(&tot, 0, sizeof(tot));
	tot.strict = ctx->opts->strict;
	ctx->rep = rep;
	for (i = 0; i < n; i++) {
		const struct oc_check *c = oc_check_at(i);

		sel[i] = check_in_mode(ctx->opts, c) &&
		    oc_check_selected(ctx->opts, c->id);
		if (sel[i]) {
			nsel++;
			last_sel = i;
		}
	}
	name = xasprintf("%s:%s", ctx->agent->provider, ctx->agent->type);
	suite.agent_path = ctx->agent->path;
	suite.name = name;
	suite.instance = ctx->agent->instance;
	suite.hostname = ctx->agent->hostname;
	oc_report_begin(rep, &suite, nsel);
	for (i = 0; i < n; i++) {
		const struct oc_check *c = oc_check_at(i);
		struct oc_result res;
		long long t;
		int met;

		if (!sel[i] && (!(c->needs & OC_STATE) || i > last_sel ||
		    !check_in_mode(ctx->opts, c)))
			continue;
		if (c->needs & OC_FINAL)
			check_do_cleanup(ctx);
		if (oc_proc_interrupted && !ctx->aborted) {
			ctx->aborted = 1;
			oc_report_note(rep, "interrupted: skipping the remaining "
			    "checks and cleaning up");
		}
		check_result_init(&res, c);
		/* a role-capable agent only ever runs as a promotable clone */
		ctx->agent->promotable = ctx->roles;
		t = oc_now_ms();
		met = check_needs_met(ctx, c, &res);
		if (met < 0 && sel[i])
			tot.thorough++;
		if (met > 0) {
			int was = oc_proc_interrupted;

			res.status = c->run(ctx, &res);
			/* an interrupted action says nothing about the agent */
			if (!was && oc_proc_interrupted && !(c->needs & OC_FINAL) &&
			    res.status == OC_FAIL) {
				oc_buf_reset(&res.why);
				res.run = NULL;
				res.expected[0] = '\0';
				oc_skip(&res, "interrupted before it could finish");
			}
		}
		res.elapsed_ms = (long)(oc_now_ms() - t);
		if (sel[i]) {
			check_totals_add(&tot, &res);
			oc_report_result(rep, ++num, c, &res);
		}
		oc_buf_release(&res.why);
	}
	check_do_cleanup(ctx);
	tot.actions = ctx->agent->nruns;
	tot.actions_ms = ctx->agent->actions_ms;
	tot.waited_ms = ctx->waited_ms;
	tot.wall_ms = (long)(oc_now_ms() - t0);
	oc_report_end(rep, &tot);
	free(sel);
	free(name);
	if (ctx->aborted)
		return 3;
	return tot.failed > 0 || tot.errors > 0 ? 1 : 0;
}
