/*
 * The JUnit XML reporter, for GitLab (artifacts:reports:junit) and
 * Jenkins (junit step).  Results are kept in memory and written with
 * libxml2's xmlwriter when the suite ends (or bails out): one testsuite
 * named provider:type, one testcase per check with classname the agent
 * and name the check id.  A testcase fails exactly when the TAP line
 * would be "not ok": <failure> for FAIL, <error> for ERROR.
 *
 * Every string is escaped before it is kept (oc_report_escape), so agent
 * output holds only characters XML 1.0 allows; the writer escapes markup.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/xmlwriter.h>

#include "buf.h"
#include "report.h"
#include "xalloc.h"

enum jkind { J_PASS, J_FAIL, J_ERROR, J_SKIP };

struct jcase {
	char		*name;
	long		 ms;
	enum jkind	 kind;
	const char	*type;		/* of a failure or error */
	char		*message;	/* one line; NULL for J_PASS */
	char		*body;		/* the reason block, or NULL */
	char		*out;		/* system-out, or NULL */
	char		*err;		/* system-err: the stderr tail */
};

struct junit {
	char		*path;
	char		*suite;		/* provider:type */
	char		*host;
	char		*agent;
	char		 stamp[32];
	struct jcase	*cases;
	size_t		 n, alloc;
	struct oc_buf	 notes;		/* the suite's system-out */
};

/* Detach b's text, or NULL when it is empty. */
static char *
junit_take(struct oc_buf *b)
{
	if (b->len == 0) {
		oc_buf_release(b);
		return NULL;
	}
	return oc_buf_detach(b, NULL);
}

static char *
junit_escaped(const char *s)
{
	struct oc_buf b = OC_BUF_INIT;

	oc_report_escape(&b, s, strlen(s), 0);
	return oc_buf_detach(&b, NULL);
}

static struct jcase *
junit_add(struct junit *j, const char *name, long ms, enum jkind kind)
{
	struct jcase *jc;

	if (j->n == j->alloc) {
		j->alloc = j->alloc ? 2 * j->alloc : 64;
		j->cases = xrealloc(j->cases, j->alloc * sizeof(*j->cases));
	}
	jc = &j->cases[j->n++];
	memset(jc, 0, sizeof(*jc));
	jc->name = junit_escaped(name);
	jc->ms = ms;
	jc->kind = kind;
	return jc;
}

static void
junit_begin(struct oc_reporter *r, const struct oc_suite *s, size_t n)
{
	struct junit *j = r->priv;
	time_t now = time(NULL);
	struct tm tm;

	(void)n;
	free(j->suite);
	free(j->host);
	free(j->agent);
	j->suite = junit_escaped(s->name ? s->name : "ocf-check");
	j->host = s->hostname ? junit_escaped(s->hostname) : NULL;
	j->agent = s->agent_path ? junit_escaped(s->agent_path) : NULL;
	if (localtime_r(&now, &tm) != NULL)
		strftime(j->stamp, sizeof(j->stamp), "%Y-%m-%dT%H:%M:%S", &tm);
}

/* How a result shows: failing ones fail, warnings and info pass with
 * their reason in system-out. */
static enum jkind
junit_kind(const struct oc_reporter *r, const struct oc_result *res)
{
	switch (res->status) {
	case OC_PASS:
		return J_PASS;
	case OC_SKIP:
		return J_SKIP;
	case OC_ERROR:
		return J_ERROR;
	case OC_FAIL:
		break;
	}
	return oc_result_fails(res, r->strict) ? J_FAIL : J_PASS;
}

/* The stderr tail of the deciding run, for system-err. */
static char *
junit_stderr(const struct oc_result *res)
{
	struct oc_buf b = OC_BUF_INIT;
	const struct oc_buf *err;
	const char *tail;
	size_t total;

	if (res->run == NULL || res->run->err.len == 0)
		return NULL;
	err = &res->run->err;
	tail = oc_report_tail(err, OC_REPORT_TAIL, &total);
	if (tail != err->buf)
		oc_buf_addf(&b, "(last %d of %zu lines)\n", OC_REPORT_TAIL, total);
	oc_report_lines(&b, "", tail, err->len - (size_t)(tail - err->buf));
	return junit_take(&b);
}

static void
junit_result(struct oc_reporter *r, size_t n, const struct oc_check *c,
    const struct oc_result *res)
{
	struct junit *j = r->priv;
	struct jcase *jc = junit_add(j, c->id, res->elapsed_ms,
	    junit_kind(r, res));
	struct oc_buf b = OC_BUF_INIT;

	(void)n;
	if (jc->kind != J_PASS) {
		oc_report_message(&b, res);
		jc->message = oc_buf_detach(&b, NULL);
	}
	jc->type = res->status == OC_ERROR ? "ocf-check" :
	    res->sev == OC_SEV_WARNING ? "warning" : "error";
	if (res->status == OC_FAIL || res->status == OC_ERROR) {
		if (jc->kind == J_PASS)
			oc_buf_addf(&b, "%s:\n", oc_result_label(res));
		oc_report_reason(&b, res, "", 0);
		if (jc->kind == J_PASS)
			jc->out = junit_take(&b);
		else
			jc->body = junit_take(&b);
		jc->err = junit_stderr(res);
	} else if (res->status == OC_PASS && res->why.len > 0) {
		oc_report_lines(&b, "", res->why.buf, res->why.len);
		jc->out = junit_take(&b);
	}
	oc_buf_release(&b);
}

static void
junit_note(struct oc_reporter *r, const char *text)
{
	struct junit *j = r->priv;

	oc_report_lines(&j->notes, "note: ", text, strlen(text));
}

/*
 * Writing, with xmlwriter.  The first failing call is remembered and the
 * rest become no-ops, so the writers below need no error paths.
 */

struct jw {
	xmlTextWriterPtr w;
	int		 failed;
};

static void
jw_check(struct jw *jw, int rc)
{
	if (rc < 0)
		jw->failed = 1;
}

static void
jw_start(struct jw *jw, const char *element)
{
	if (!jw->failed)
		jw_check(jw, xmlTextWriterStartElement(jw->w, BAD_CAST element));
}

static void
jw_end(struct jw *jw)
{
	if (!jw->failed)
		jw_check(jw, xmlTextWriterEndElement(jw->w));
}

static void
jw_attr(struct jw *jw, const char *name, const char *value)
{
	if (!jw->failed && value != NULL)
		jw_check(jw, xmlTextWriterWriteAttribute(jw->w, BAD_CAST name,
		    BAD_CAST value));
}

static void OC_PRINTF(3, 4)
jw_attrf(struct jw *jw, const char *name, const char *fmt, ...)
{
	struct oc_buf b = OC_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	oc_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	jw_attr(jw, name, b.buf);
	oc_buf_release(&b);
}

static void
jw_secs(struct jw *jw, const char *name, long ms)
{
	struct oc_buf b = OC_BUF_INIT;

	oc_report_secs(&b, ms);
	jw_attr(jw, name, b.buf);
	oc_buf_release(&b);
}

/* <element>text</element>, when there is text. */
static void
jw_text(struct jw *jw, const char *element, const char *text)
{
	if (text == NULL)
		return;
	jw_start(jw, element);
	if (!jw->failed)
		jw_check(jw, xmlTextWriterWriteString(jw->w, BAD_CAST text));
	jw_end(jw);
}

/* The outcome element of a testcase, if it did not pass. */
static void
jw_outcome(struct jw *jw, const struct jcase *jc)
{
	static const char *const element[] = {
		[J_FAIL] = "failure", [J_ERROR] = "error", [J_SKIP] = "skipped",
	};

	if (jc->kind == J_PASS)
		return;
	jw_start(jw, element[jc->kind]);
	jw_attr(jw, "message", jc->message);
	if (jc->kind != J_SKIP)
		jw_attr(jw, "type", jc->type);
	if (jc->body != NULL && !jw->failed)
		jw_check(jw, xmlTextWriterWriteString(jw->w, BAD_CAST jc->body));
	jw_end(jw);
}

static void
jw_case(struct jw *jw, const struct junit *j, const struct jcase *jc)
{
	jw_start(jw, "testcase");
	jw_attr(jw, "classname", j->suite);
	jw_attr(jw, "name", jc->name);
	jw_secs(jw, "time", jc->ms);
	jw_outcome(jw, jc);
	jw_text(jw, "system-out", jc->out);
	jw_text(jw, "system-err", jc->err);
	jw_end(jw);
}

static void
jw_property(struct jw *jw, const char *name, const char *value)
{
	if (value == NULL)
		return;
	jw_start(jw, "property");
	jw_attr(jw, "name", name);
	jw_attr(jw, "value", value);
	jw_end(jw);
}

/* tests, failures, errors, skipped: the same numbers on both levels. */
static void
jw_counts(struct jw *jw, const struct junit *j, long ms)
{
	size_t count[4] = { 0, 0, 0, 0 }, i;

	for (i = 0; i < j->n; i++)
		count[j->cases[i].kind]++;
	jw_attrf(jw, "tests", "%zu", j->n);
	jw_attrf(jw, "failures", "%zu", count[J_FAIL]);
	jw_attrf(jw, "errors", "%zu", count[J_ERROR]);
	jw_attrf(jw, "skipped", "%zu", count[J_SKIP]);
	jw_secs(jw, "time", ms);
}

static void
jw_document(struct jw *jw, const struct junit *j, long ms)
{
	size_t i;

	jw_check(jw, xmlTextWriterStartDocument(jw->w, NULL, "UTF-8", NULL));
	jw_start(jw, "testsuites");
	jw_attr(jw, "name", "ocf-check");
	jw_counts(jw, j, ms);
	jw_start(jw, "testsuite");
	jw_attr(jw, "name", j->suite);
	jw_counts(jw, j, ms);
	jw_attr(jw, "timestamp", j->stamp[0] ? j->stamp : NULL);
	jw_attr(jw, "hostname", j->host);
	jw_start(jw, "properties");
	jw_property(jw, "agent", j->agent);
	jw_end(jw);
	for (i = 0; i < j->n; i++)
		jw_case(jw, j, &j->cases[i]);
	jw_text(jw, "system-out", j->notes.len ? j->notes.buf : NULL);
	jw_end(jw);
	jw_end(jw);
	if (!jw->failed)
		jw_check(jw, xmlTextWriterEndDocument(jw->w));
}

/* Write the report to j->path; errors are printed. */
static void
junit_write(struct junit *j, long ms)
{
	struct jw jw = { NULL, 0 };
	xmlOutputBufferPtr out;
	FILE *fp;

	if (j->suite == NULL)
		j->suite = xstrdup("ocf-check");
	if ((fp = fopen(j->path, "w")) == NULL) {
		oc_error_errno("cannot write the JUnit report '%s'", j->path);
		return;
	}
	out = xmlOutputBufferCreateFile(fp, NULL);
	if (out == NULL || (jw.w = xmlNewTextWriter(out)) == NULL)
		jw.failed = 1;
	else {
		xmlTextWriterSetIndent(jw.w, 1);
		xmlTextWriterSetIndentString(jw.w, BAD_CAST "  ");
		jw_document(&jw, j, ms);
		xmlFreeTextWriter(jw.w);	/* flushes and frees out */
	}
	errno = 0;
	if (fclose(fp) != 0 || jw.failed)
		oc_error("cannot write the JUnit report '%s'%s%s", j->path,
		    errno ? ": " : "", errno ? strerror(errno) : "");
}

static void
junit_end(struct oc_reporter *r, const struct oc_totals *t)
{
	junit_write(r->priv, t->wall_ms);
}

static void
junit_bail(struct oc_reporter *r, const char *reason)
{
	struct junit *j = r->priv;
	struct jcase *jc = junit_add(j, "ocf-check", 0, J_ERROR);
	long ms = 0;
	size_t i;

	jc->type = "bail-out";
	jc->message = junit_escaped(reason);
	for (i = 0; i < j->n; i++)
		ms += j->cases[i].ms;
	junit_write(j, ms);
}

static void
junit_destroy(struct oc_reporter *r)
{
	struct junit *j = r->priv;
	size_t i;

	for (i = 0; i < j->n; i++) {
		free(j->cases[i].name);
		free(j->cases[i].message);
		free(j->cases[i].body);
		free(j->cases[i].out);
		free(j->cases[i].err);
	}
	free(j->cases);
	free(j->path);
	free(j->suite);
	free(j->host);
	free(j->agent);
	oc_buf_release(&j->notes);
	free(j);
}

static const struct oc_reporter_ops junit_ops = {
	.begin = junit_begin,
	.result = junit_result,
	.note = junit_note,
	.end = junit_end,
	.bail = junit_bail,
	.destroy = junit_destroy,
};

struct oc_reporter *
oc_report_junit_new(const char *path)
{
	struct junit *j = xcalloc(1, sizeof(*j));

	j->path = xstrdup(path);
	oc_buf_init(&j->notes);
	return oc_reporter_new(&junit_ops, NULL, j);
}
