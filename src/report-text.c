/*
 * The text reporter: what a person at a terminal reads.  One line per
 * check, starting with its label and id ("FAIL  life.start-0 - start
 * returns 0"), the reason block under failures, a summary and
 * ocf-tester's last line.  Every other line is indented and starts with
 * a word that is not a label, so that `awk '$1 == "FAIL"'` finds results
 * only; agent output is escaped and shown behind "| ".
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "report.h"
#include "xalloc.h"

#define TEXT_INDENT	"      "	/* under the id of a result line */

struct text {
	char	*path;		/* the agent, for the last line */
	size_t	 progress_len;	/* width of the progress line shown */
};

/* Wipe the progress line, if one is shown. */
static void
text_clear(struct oc_reporter *r)
{
	struct text *t = r->priv;

	if (t->progress_len == 0)
		return;
	fprintf(r->fp, "\r%*s\r", (int)t->progress_len, "");
	t->progress_len = 0;
}

/* Write b to the stream, after the progress line is gone. */
static void
text_put(struct oc_reporter *r, const struct oc_buf *b)
{
	text_clear(r);
	fwrite(b->buf, 1, b->len, r->fp);
	fflush(r->fp);
}

static const char *
text_color(const char *label)
{
	switch (label[0]) {
	case 'P':
		return "32";		/* PASS: green */
	case 'W':
		return "33";		/* WARN: yellow */
	case 'I':
		return "36";		/* INFO: cyan */
	case 'S':
		return "34";		/* SKIP: blue */
	default:
		return "1;31";		/* FAIL, ERROR: bold red */
	}
}

/* The label, padded to the width of "ERROR" and a space. */
static void
text_label(struct oc_reporter *r, struct oc_buf *b, const char *label)
{
	if (r->color)
		oc_buf_addf(b, "\033[%sm%s\033[0m", text_color(label), label);
	else
		oc_buf_adds(b, label);
	oc_buf_addf(b, "%*s", (int)(6 - strlen(label)), "");
}

static void
text_begin(struct oc_reporter *r, const struct oc_suite *s, size_t n)
{
	struct text *t = r->priv;
	struct oc_buf b = OC_BUF_INIT;

	free(t->path);
	t->path = xstrdup(s->agent_path ? s->agent_path : "(agent)");
	if (!r->quiet) {
		oc_buf_adds(&b, "Beginning tests for ");
		oc_report_escape(&b, t->path, strlen(t->path), 0);
		if (s->name != NULL) {
			oc_buf_adds(&b, " (");
			oc_report_escape(&b, s->name, strlen(s->name), 0);
			oc_buf_addch(&b, ')');
		}
		oc_buf_addf(&b, ", %zu check%s\n", n, n == 1 ? "" : "s");
		text_put(r, &b);
	}
	oc_buf_release(&b);
}

/* Is a result with this label shown at this verbosity? */
static int
text_shown(const struct oc_reporter *r, const struct oc_result *res)
{
	if (res->status == OC_ERROR ||
	    (res->status == OC_FAIL && res->sev != OC_SEV_INFO))
		return 1;
	if (r->quiet)
		return 0;
	if (res->status == OC_FAIL)
		return r->verbose > 0;
	return 1;
}

/* A SKIP carries its reason on its line; further why lines go below. */
static void
text_skip_reason(struct oc_buf *b, const struct oc_result *res)
{
	const char *nl;

	oc_buf_adds(b, " (");
	oc_report_message(b, res);
	oc_buf_adds(b, ")\n");
	nl = memchr(res->why.buf, '\n', res->why.len);
	if (nl != NULL && nl + 1 < res->why.buf + res->why.len)
		oc_report_lines(b, TEXT_INDENT "* ", nl + 1,
		    res->why.len - (size_t)(nl + 1 - res->why.buf));
}

static void
text_result(struct oc_reporter *r, size_t n, const struct oc_check *c,
    const struct oc_result *res)
{
	struct oc_buf b = OC_BUF_INIT;

	(void)n;
	if (!text_shown(r, res))
		return;
	text_label(r, &b, oc_result_label(res));
	oc_buf_addf(&b, "%s - %s", c->id, c->title);
	if (res->status == OC_SKIP)
		text_skip_reason(&b, res);
	else {
		oc_buf_addch(&b, '\n');
		if (res->status != OC_PASS)
			oc_report_reason(&b, res, TEXT_INDENT, 1);
		else if (r->verbose > 0 && res->why.len > 0)
			oc_report_lines(&b, TEXT_INDENT "* ", res->why.buf,
			    res->why.len);
	}
	text_put(r, &b);
	oc_buf_release(&b);
}

/* One stream of an action's output under -v: the tail, or all with -vv. */
static void
text_output(struct oc_buf *b, const char *what, const struct oc_buf *data,
    unsigned verbose)
{
	const char *tail = data->buf;
	size_t total;

	if (data->len == 0)
		return;
	if (verbose < 2)
		tail = oc_report_tail(data, OC_REPORT_TAIL, &total);
	else
		(void)oc_report_tail(data, 0, &total);
	if (tail != data->buf)
		oc_buf_addf(b, "    %s (last %d of %zu lines):\n", what,
		    OC_REPORT_TAIL, total);
	else
		oc_buf_addf(b, "    %s:\n", what);
	oc_report_lines(b, "    | ", tail,
	    data->len - (size_t)(tail - data->buf));
}

static void
text_action(struct oc_reporter *r, const struct oc_run *run)
{
	struct oc_buf b = OC_BUF_INIT;

	if (r->verbose == 0 || r->quiet)
		return;
	oc_buf_adds(&b, "  ");
	oc_report_run_line(&b, run);
	oc_buf_addch(&b, '\n');
	if (run->exit_reason != NULL) {
		oc_buf_adds(&b, "    exit reason: ");
		oc_report_escape(&b, run->exit_reason,
		    strlen(run->exit_reason), 0);
		oc_buf_addch(&b, '\n');
	}
	text_output(&b, "stdout", &run->out, r->verbose);
	text_output(&b, "stderr", &run->err, r->verbose);
	text_put(r, &b);
	oc_buf_release(&b);
}

static void
text_progress(struct oc_reporter *r, const char *action, long ms)
{
	struct text *t = r->priv;
	struct oc_buf b = OC_BUF_INIT;

	if (!r->tty || ms < 1000)
		return;
	oc_buf_adds(&b, "\r  ... ");
	oc_report_escape(&b, action, strlen(action), 0);
	oc_buf_addf(&b, " still running after %ld s", ms / 1000);
	if (b.len - 1 < t->progress_len)
		oc_buf_addf(&b, "%*s", (int)(t->progress_len - (b.len - 1)), "");
	fwrite(b.buf, 1, b.len, r->fp);
	fflush(r->fp);
	t->progress_len = b.len - 1;
	oc_buf_release(&b);
}

static void
text_note(struct oc_reporter *r, const char *text)
{
	struct oc_buf b = OC_BUF_INIT;

	if (r->quiet)
		return;
	oc_report_lines(&b, "  note: ", text, strlen(text));
	text_put(r, &b);
	oc_buf_release(&b);
}

static void
text_end(struct oc_reporter *r, const struct oc_totals *tot)
{
	struct text *t = r->priv;
	struct oc_buf b = OC_BUF_INIT;
	size_t failed = tot->failed + tot->errors;
	const char *path = t->path ? t->path : "(agent)";

	oc_buf_adds(&b, "Summary: ");
	oc_report_summary(&b, tot);
	oc_buf_addch(&b, '\n');
	if (failed == 0) {
		oc_report_escape(&b, path, strlen(path), 0);
		oc_buf_adds(&b, " passed all tests\n");
	} else {
		oc_buf_adds(&b, "Tests failed: ");
		oc_report_escape(&b, path, strlen(path), 0);
		oc_buf_addf(&b, " failed %zu test%s\n", failed,
		    failed == 1 ? "" : "s");
	}
	text_put(r, &b);
	oc_buf_release(&b);
}

static void
text_bail(struct oc_reporter *r, const char *reason)
{
	struct oc_buf b = OC_BUF_INIT;

	oc_buf_adds(&b, "Aborted: ocf-check cannot continue: ");
	oc_report_escape(&b, reason, strlen(reason), 0);
	oc_buf_addch(&b, '\n');
	text_put(r, &b);
	oc_buf_release(&b);
}

static void
text_destroy(struct oc_reporter *r)
{
	struct text *t = r->priv;

	free(t->path);
	free(t);
}

static const struct oc_reporter_ops text_ops = {
	.begin = text_begin,
	.action = text_action,
	.progress = text_progress,
	.result = text_result,
	.note = text_note,
	.end = text_end,
	.bail = text_bail,
	.destroy = text_destroy,
};

struct oc_reporter *
oc_report_text_new(FILE *fp)
{
	return oc_reporter_new(&text_ops, fp, xcalloc(1, sizeof(struct text)));
}
