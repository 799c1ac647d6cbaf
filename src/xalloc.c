/* Allocation wrappers and error printers; see xalloc.h. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

const char *oc_progname = "ocf-check";

static void
xalloc_vreport(const char *prefix, const char *fmt, va_list ap, int errnum)
{
	int saved = errno;

	fprintf(stderr, "%s: %s", oc_progname, prefix);
	vfprintf(stderr, fmt, ap);
	if (errnum != 0)
		fprintf(stderr, ": %s", strerror(errnum));
	fputc('\n', stderr);
	errno = saved;
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oc_die("out of memory (%zu bytes)", n);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		oc_die("out of memory (%zu x %zu bytes)", n, size);
	return p;
}

void *
xrealloc(void *old, size_t n)
{
	void *p = realloc(old, n ? n : 1);

	if (p == NULL)
		oc_die("out of memory (%zu bytes)", n);
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	char *s;

	if (vasprintf(&s, fmt, ap) < 0)
		oc_die("out of memory");
	return s;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

void
oc_die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	xalloc_vreport("", fmt, ap, 0);
	va_end(ap);
	exit(3);
}

void
oc_die_errno(const char *fmt, ...)
{
	va_list ap;
	int errnum = errno;

	va_start(ap, fmt);
	xalloc_vreport("", fmt, ap, errnum);
	va_end(ap);
	exit(3);
}

int
oc_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	xalloc_vreport("", fmt, ap, 0);
	va_end(ap);
	return -1;
}

int
oc_error_errno(const char *fmt, ...)
{
	va_list ap;
	int errnum = errno;

	va_start(ap, fmt);
	xalloc_vreport("", fmt, ap, errnum);
	va_end(ap);
	errno = errnum;
	return -1;
}

void
oc_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	xalloc_vreport("warning: ", fmt, ap, 0);
	va_end(ap);
}

void
oc_bug(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: BUG at %s:%d: ", oc_progname, file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}
