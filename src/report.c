/*
 * Reporter dispatch, the tee, and the wording the back ends share; see
 * report.h.  The back ends are report-text.c, report-tap.c and
 * report-junit.c.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "report.h"
#include "xalloc.h"

struct oc_reporter *
oc_reporter_new(const struct oc_reporter_ops *ops, FILE *fp, void *priv)
{
	struct oc_reporter *r = xcalloc(1, sizeof(*r));

	r->ops = ops;
	r->fp = fp;
	r->priv = priv;
	return r;
}

/* Call op of rep with the remaining arguments, if rep has that op. */
#define REPORT_CALL(rep, op, ...) do {				\
	if ((rep) != NULL && (rep)->ops->op != NULL)		\
		(rep)->ops->op((rep), __VA_ARGS__);		\
} while (0)

void
oc_report_begin(struct oc_reporter *rep, const struct oc_suite *s, size_t n)
{
	REPORT_CALL(rep, begin, s, n);
}

void
oc_report_action(struct oc_reporter *rep, const struct oc_run *run)
{
	REPORT_CALL(rep, action, run);
}

void
oc_report_progress(struct oc_reporter *rep, const char *action, long ms)
{
	REPORT_CALL(rep, progress, action, ms);
}

void
oc_report_result(struct oc_reporter *rep, size_t n, const struct oc_check *c,
    const struct oc_result *res)
{
	REPORT_CALL(rep, result, n, c, res);
}

void
oc_report_note(struct oc_reporter *rep, const char *text)
{
	REPORT_CALL(rep, note, text);
}

void
oc_report_end(struct oc_reporter *rep, const struct oc_totals *t)
{
	REPORT_CALL(rep, end, t);
}

void
oc_report_bail(struct oc_reporter *rep, const char *reason)
{
	REPORT_CALL(rep, bail, reason);
}

void
oc_report_destroy(struct oc_reporter *rep)
{
	if (rep == NULL)
		return;
	if (rep->ops->destroy != NULL)
		rep->ops->destroy(rep);
	free(rep);
}

/*
 * The tee: every call goes to each member in order.
 */

struct report_tee {
	struct oc_reporter	**reps;
	size_t			  n;
};

#define TEE_EACH(rep, fn, ...) do {				\
	struct report_tee *t_ = (rep)->priv;			\
	size_t i_;						\
								\
	for (i_ = 0; i_ < t_->n; i_++)				\
		fn(t_->reps[i_], __VA_ARGS__);			\
} while (0)

static void
tee_begin(struct oc_reporter *r, const struct oc_suite *s, size_t n)
{
	TEE_EACH(r, oc_report_begin, s, n);
}

static void
tee_action(struct oc_reporter *r, const struct oc_run *run)
{
	TEE_EACH(r, oc_report_action, run);
}

static void
tee_progress(struct oc_reporter *r, const char *action, long ms)
{
	TEE_EACH(r, oc_report_progress, action, ms);
}

static void
tee_result(struct oc_reporter *r, size_t n, const struct oc_check *c,
    const struct oc_result *res)
{
	TEE_EACH(r, oc_report_result, n, c, res);
}

static void
tee_note(struct oc_reporter *r, const char *text)
{
	TEE_EACH(r, oc_report_note, text);
}

static void
tee_end(struct oc_reporter *r, const struct oc_totals *t)
{
	TEE_EACH(r, oc_report_end, t);
}

static void
tee_bail(struct oc_reporter *r, const char *reason)
{
	TEE_EACH(r, oc_report_bail, reason);
}

static void
tee_destroy(struct oc_reporter *r)
{
	struct report_tee *t = r->priv;
	size_t i;

	for (i = 0; i < t->n; i++)
		oc_report_destroy(t->reps[i]);
	free(t->reps);
	free(t);
}

static const struct oc_reporter_ops tee_ops = {
	.begin = tee_begin,
	.action = tee_action,
	.progress = tee_progress,
	.result = tee_result,
	.note = tee_note,
	.end = tee_end,
	.bail = tee_bail,
	.destroy = tee_destroy,
};

struct oc_reporter *
oc_report_tee(struct oc_reporter **reps, size_t n)
{
	struct report_tee *t = xcalloc(1, sizeof(*t));

	t->reps = xcalloc(n ? n : 1, sizeof(*t->reps));
	memcpy(t->reps, reps, n * sizeof(*reps));
	t->n = n;
	return oc_reporter_new(&tee_ops, NULL, t);
}

/*
 * Shared wording.
 */

const char *
oc_result_label(const struct oc_result *res)
{
	switch (res->status) {
	case OC_PASS:
		return "PASS";
	case OC_SKIP:
		return "SKIP";
	case OC_ERROR:
		return "ERROR";
	case OC_FAIL:
		break;
	}
	switch (res->sev) {
	case OC_SEV_WARNING:
		return "WARN";
	case OC_SEV_INFO:
		return "INFO";
	case OC_SEV_ERROR:
		break;
	}
	return "FAIL";
}

int
oc_result_fails(const struct oc_result *res, int strict)
{
	if (res->status == OC_ERROR)
		return 1;
	if (res->status != OC_FAIL)
		return 0;
	return res->sev == OC_SEV_ERROR || (strict && res->sev == OC_SEV_WARNING);
}

/*
 * Length of the character at s if it is one oc_buf_add_escaped() lets
 * through but a terminal, YAML or XML must not see: C1 controls (U+0080
 * to U+009F), U+2028/9, U+FEFF, U+FFFE/F.  s is valid UTF-8, in which
 * these lead bytes never continue another character.
 */
static size_t
report_unsafe(const unsigned char *s, size_t n)
{
	if (n >= 2 && s[0] == 0xc2 && s[1] <= 0x9f)
		return 2;
	if (n < 3)
		return 0;
	if ((s[0] == 0xe2 && s[1] == 0x80 && (s[2] == 0xa8 || s[2] == 0xa9)) ||
	    (s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf) ||
	    (s[0] == 0xef && s[1] == 0xbf && s[2] >= 0xbe))
		return 3;
	return 0;
}

void
oc_report_escape(struct oc_buf *b, const char *data, size_t n, int keep_nl)
{
	struct oc_buf esc = OC_BUF_INIT;
	const unsigned char *s;
	size_t i, run = 0, l, k;

	oc_buf_add_escaped(&esc, data, n, keep_nl);
	s = (const unsigned char *)esc.buf;
	for (i = 0; i < esc.len; i += l) {
		if ((l = report_unsafe(s + i, esc.len - i)) == 0) {
			l = 1;
			continue;
		}
		oc_buf_add(b, esc.buf + run, i - run);
		for (k = 0; k < l; k++)
			oc_buf_addf(b, "\\x%02x", s[i + k]);
		run = i + l;
	}
	oc_buf_add(b, esc.buf + run, esc.len - run);
	oc_buf_release(&esc);
}

void
oc_report_lines(struct oc_buf *b, const char *prefix, const char *text,
    size_t len)
{
	struct oc_buf esc = OC_BUF_INIT;
	const char *p, *nl, *end;

	oc_report_escape(&esc, text, len, 1);
	p = esc.buf;
	end = esc.buf + esc.len;
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		oc_buf_adds(b, prefix);
		oc_buf_add(b, p, (size_t)(nl - p));
		oc_buf_addch(b, '\n');
		p = nl + 1;
	}
	oc_buf_release(&esc);
}

const char *
oc_report_tail(const struct oc_buf *data, int n, size_t *total)
{
	const char *p = data->buf, *end = data->buf + data->len;

	*total = 0;
	while (p < end) {
		(*total)++;
		p = memchr(p, '\n', (size_t)(end - p));
		if (p == NULL)
			break;
		p++;
	}
	return oc_tail_lines(data->buf, data->len, n);
}

void
oc_report_secs(struct oc_buf *b, long ms)
{
	if (ms < 0)
		ms = 0;
	oc_buf_addf(b, "%ld.%03ld", ms / 1000, ms % 1000);
}

void
oc_report_run_line(struct oc_buf *b, const struct oc_run *run)
{
	const char *name = oc_run_name(run);

	oc_buf_addf(b, "run %d: ", run->seq);
	oc_report_escape(b, name, strlen(name), 0);
	if (run->env != NULL && run->env[0] != '\0') {
		oc_buf_adds(b, " [");
		oc_report_escape(b, run->env, strlen(run->env), 0);
		oc_buf_addch(b, ']');
	}
	oc_buf_addch(b, ' ');
	oc_run_describe(run, b);
	oc_buf_addf(b, " in %ld ms", run->elapsed_ms);
	if (run->cleanup)
		oc_buf_adds(b, " (cleanup)");
}

/* Add indent, key, the escaped value and a newline. */
static void
report_field(struct oc_buf *b, const char *indent, const char *key,
    const char *value)
{
	oc_buf_addf(b, "%s%-13s", indent, key);
	oc_report_escape(b, value, strlen(value), 0);
	oc_buf_addch(b, '\n');
}

/* The last lines of the run's stderr, as indent + "| " + line. */
static void
report_stderr_tail(struct oc_buf *b, const struct oc_run *run,
    const char *indent)
{
	struct oc_buf prefix = OC_BUF_INIT;
	const char *tail;
	size_t total;

	if (run->err.len == 0)
		return;
	tail = oc_report_tail(&run->err, OC_REPORT_TAIL, &total);
	if (total > OC_REPORT_TAIL)
		oc_buf_addf(b, "%sstderr (last %d of %zu lines):\n", indent,
		    OC_REPORT_TAIL, total);
	else
		oc_buf_addf(b, "%sstderr:\n", indent);
	oc_buf_addf(&prefix, "%s| ", indent);
	oc_report_lines(b, prefix.buf, tail,
	    run->err.len - (size_t)(tail - run->err.buf));
	oc_buf_release(&prefix);
}

/* What the deciding run did, one field per line. */
static void
report_run_fields(struct oc_buf *b, const struct oc_result *res,
    const char *indent)
{
	const struct oc_run *run = res->run;
	struct oc_buf tmp = OC_BUF_INIT;

	report_field(b, indent, "action:", oc_run_name(run));
	if (run->env != NULL && run->env[0] != '\0')
		report_field(b, indent, "environment:", run->env);
	if (res->expected[0] != '\0')
		report_field(b, indent, "expected:", res->expected);
	oc_run_describe(run, &tmp);
	report_field(b, indent, "got:", tmp.buf);
	oc_buf_addf(b, "%s%-13s%ld ms", indent, "duration:", run->elapsed_ms);
	if (run->timeout_ms > 0)
		oc_buf_addf(b, " (timeout %ld ms)", run->timeout_ms);
	oc_buf_addch(b, '\n');
	if (run->exit_reason != NULL)
		report_field(b, indent, "exit reason:", run->exit_reason);
	oc_buf_release(&tmp);
}

/* Notes on output that was not kept or pipes that were held open. */
static void
report_run_notes(struct oc_buf *b, const struct oc_run *run,
    const char *indent)
{
	if (run->out_dropped > 0)
		oc_buf_addf(b, "%snote: %zu bytes of stdout were dropped "
		    "(over the output limit)\n", indent, run->out_dropped);
	if (run->err_dropped > 0)
		oc_buf_addf(b, "%snote: %zu bytes of stderr were dropped "
		    "(over the output limit)\n", indent, run->err_dropped);
	if (run->pipes_held)
		oc_buf_addf(b, "%snote: a process the agent started kept its "
		    "stdout or stderr open\n", indent);
}

void
oc_report_reason(struct oc_buf *b, const struct oc_result *res,
    const char *indent, int with_tail)
{
	struct oc_buf prefix = OC_BUF_INIT;

	if (res->why.len > 0) {
		oc_buf_addf(&prefix, "%s* ", indent);
		oc_report_lines(b, prefix.buf, res->why.buf, res->why.len);
		oc_buf_release(&prefix);
	}
	if (res->run == NULL)
		return;
	report_run_fields(b, res, indent);
	if (with_tail)
		report_stderr_tail(b, res->run, indent);
	report_run_notes(b, res->run, indent);
}

void
oc_report_message(struct oc_buf *b, const struct oc_result *res)
{
	const char *nl;

	if (res->why.len > 0) {
		nl = memchr(res->why.buf, '\n', res->why.len);
		oc_report_escape(b, res->why.buf,
		    nl ? (size_t)(nl - res->why.buf) : res->why.len, 0);
		return;
	}
	switch (res->status) {
	case OC_PASS:
		oc_buf_adds(b, "passed");
		break;
	case OC_FAIL:
		oc_buf_adds(b, "the check failed");
		break;
	case OC_SKIP:
		oc_buf_adds(b, "does not apply");
		break;
	case OC_ERROR:
		oc_buf_adds(b, "ocf-check could not run the check");
		break;
	}
}

/* "1 warning" / "2 warnings" */
static void
report_count(struct oc_buf *b, size_t n, const char *one, const char *many)
{
	oc_buf_addf(b, "%zu %s", n, n == 1 ? one : many);
}

void
oc_report_summary(struct oc_buf *b, const struct oc_totals *t)
{
	oc_buf_addf(b, "%zu passed, %zu failed", t->passed, t->failed);
	if (t->strict && t->warnings > 0)
		oc_buf_addf(b, " (%zu of them warnings, --strict)", t->warnings);
	else {
		oc_buf_adds(b, ", ");
		report_count(b, t->warnings, "warning", "warnings");
	}
	oc_buf_addf(b, ", %zu skipped", t->skipped);
	if (t->thorough > 0)
		oc_buf_addf(b, " (%zu of them run with --thorough)", t->thorough);
	oc_buf_addf(b, ", %zu info", t->infos);
	if (t->errors > 0) {
		oc_buf_adds(b, ", ");
		report_count(b, t->errors, "error", "errors");
	}
	oc_buf_adds(b, "; ");
	report_count(b, t->actions, "agent action", "agent actions");
	oc_buf_adds(b, " in ");
	oc_report_secs(b, t->actions_ms);
	if (t->waited_ms > 0) {
		oc_buf_adds(b, " s, waits ");
		oc_report_secs(b, t->waited_ms);
	}
	oc_buf_adds(b, " s, ocf-check overhead ");
	oc_report_secs(b, t->wall_ms > t->actions_ms + t->waited_ms ?
	    t->wall_ms - t->actions_ms - t->waited_ms : 0);
	oc_buf_adds(b, " s");
}
