/*
 * xalloc: allocation that never returns NULL, and the program's error
 * printers.  oc_die() exits with status 3 (ocf-check could not continue);
 * oc_error() prints and returns -1 so callers can write
 * "return oc_error(...)".  Messages: lowercase, no final period.
 */
#ifndef OC_XALLOC_H
#define OC_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

#define OC_PRINTF(f, a)	__attribute__((format(printf, f, a)))
#define OC_NORETURN	__attribute__((noreturn))
#define OC_ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...) OC_PRINTF(1, 2);
char	*xvasprintf(const char *, va_list) OC_PRINTF(1, 0);

/* The program name used as the prefix of every message. */
extern const char *oc_progname;

void	 oc_die(const char *, ...) OC_PRINTF(1, 2) OC_NORETURN;
void	 oc_die_errno(const char *, ...) OC_PRINTF(1, 2) OC_NORETURN;
int	 oc_error(const char *, ...) OC_PRINTF(1, 2);
int	 oc_error_errno(const char *, ...) OC_PRINTF(1, 2);
void	 oc_warn(const char *, ...) OC_PRINTF(1, 2);
void	 oc_bug(const char *, int, const char *, ...) OC_PRINTF(3, 4) OC_NORETURN;
#define OC_BUG(...)	oc_bug(__FILE__, __LINE__, __VA_ARGS__)

#endif
