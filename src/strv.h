/*
 * oc_strv: a NULL-terminated vector of owned strings, usable directly as
 * argv or envp.  v is never NULL after OC_STRV_INIT.
 */
#ifndef OC_STRV_H
#define OC_STRV_H

#include <stddef.h>

#include "xalloc.h"

struct oc_strv {
	char	**v;
	size_t	  n;
	size_t	  alloc;
};

extern char *oc_strv_empty[];
#define OC_STRV_INIT	{ .v = oc_strv_empty, .n = 0, .alloc = 0 }

void	 oc_strv_init(struct oc_strv *);
void	 oc_strv_release(struct oc_strv *);
void	 oc_strv_push(struct oc_strv *, const char *);
void	 oc_strv_push_nodup(struct oc_strv *, char *);
void	 oc_strv_pushf(struct oc_strv *, const char *, ...) OC_PRINTF(2, 3);
void	 oc_strv_copy(struct oc_strv *dst, const struct oc_strv *src);

/* Environment helpers: entries are "NAME=value". */
/* Set (replace or add) NAME to value. */
void	 oc_env_set(struct oc_strv *, const char *name, const char *value);
/* Remove NAME; returns 1 if it was there. */
int	 oc_env_unset(struct oc_strv *, const char *name);
/* The value of NAME, or NULL. */
const char *oc_env_get(const struct oc_strv *, const char *name);

#endif
