/* Vectors of owned strings and environment helpers; see strv.h. */
#include "config.h"

#include <stdarg.h>
#include <sys/types.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strv.h"

char *oc_strv_empty[1];

void
oc_strv_init(struct oc_strv *sv)
{
	sv->v = oc_strv_empty;
	sv->n = 0;
	sv->alloc = 0;
}

void
oc_strv_release(struct oc_strv *sv)
{
	size_t i;

	if (sv->alloc != 0) {
		for (i = 0; i < sv->n; i++)
			free(sv->v[i]);
		free(sv->v);
	}
	oc_strv_init(sv);
}

void
oc_strv_push_nodup(struct oc_strv *sv, char *s)
{
	if (sv->n + 2 > sv->alloc) {
		size_t want = sv->alloc ? sv->alloc * 2 : 16;

		if (sv->alloc == 0)
			sv->v = xcalloc(want, sizeof(*sv->v));
		else
			sv->v = xrealloc(sv->v, want * sizeof(*sv->v));
		sv->alloc = want;
	}
	sv->v[sv->n++] = s;
	sv->v[sv->n] = NULL;
}

void
oc_strv_push(struct oc_strv *sv, const char *s)
{
	oc_strv_push_nodup(sv, xstrdup(s));
}

void
oc_strv_pushf(struct oc_strv *sv, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	oc_strv_push_nodup(sv, xvasprintf(fmt, ap));
	va_end(ap);
}

void
oc_strv_copy(struct oc_strv *dst, const struct oc_strv *src)
{
	size_t i;

	for (i = 0; i < src->n; i++)
		oc_strv_push(dst, src->v[i]);
}

static ssize_t
strv_env_find(const struct oc_strv *sv, const char *name)
{
	size_t i, len = strlen(name);

	for (i = 0; i < sv->n; i++)
		if (strncmp(sv->v[i], name, len) == 0 && sv->v[i][len] == '=')
			return (ssize_t)i;
	return -1;
}

void
oc_env_set(struct oc_strv *sv, const char *name, const char *value)
{
	ssize_t i = strv_env_find(sv, name);
	char *s = xasprintf("%s=%s", name, value);

	if (i < 0) {
		oc_strv_push_nodup(sv, s);
		return;
	}
	free(sv->v[i]);
	sv->v[i] = s;
}

int
oc_env_unset(struct oc_strv *sv, const char *name)
{
	ssize_t i = strv_env_find(sv, name);

	if (i < 0)
		return 0;
	free(sv->v[i]);
	memmove(&sv->v[i], &sv->v[i + 1], (sv->n - (size_t)i) * sizeof(*sv->v));
	sv->n--;
	return 1;
}

const char *
oc_env_get(const struct oc_strv *sv, const char *name)
{
	ssize_t i = strv_env_find(sv, name);

	if (i < 0)
		return NULL;
	return sv->v[i] + strlen(name) + 1;
}
