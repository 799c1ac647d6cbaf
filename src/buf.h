/*
 * oc_buf: a growable byte buffer with git strbuf's invariants.
 *
 * buf is never NULL and always NUL-terminated, but the content is
 * binary-safe through len (agents can print NUL bytes).  OC_BUF_INIT
 * points at a static empty string, so an initialised buffer needs no
 * allocation; oc_buf_release() frees and leaves it reusable.
 */
#ifndef OC_BUF_H
#define OC_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <sys/types.h>

#include "xalloc.h"

struct oc_buf {
	char	*buf;
	size_t	 len;
	size_t	 alloc;		/* 0: buf is the static empty string */
};

extern char oc_buf_empty[];
#define OC_BUF_INIT	{ .buf = oc_buf_empty, .len = 0, .alloc = 0 }

void	 oc_buf_init(struct oc_buf *);
void	 oc_buf_release(struct oc_buf *);
void	 oc_buf_reset(struct oc_buf *);
void	 oc_buf_grow(struct oc_buf *, size_t extra);
void	 oc_buf_add(struct oc_buf *, const void *, size_t);
void	 oc_buf_adds(struct oc_buf *, const char *);
void	 oc_buf_addch(struct oc_buf *, int);
void	 oc_buf_addf(struct oc_buf *, const char *, ...) OC_PRINTF(2, 3);
void	 oc_buf_vaddf(struct oc_buf *, const char *, va_list);
/* Hand the string to the caller (who frees it); the buffer is reset. */
char	*oc_buf_detach(struct oc_buf *, size_t *lenp);
/* Drop trailing white space. */
void	 oc_buf_rtrim(struct oc_buf *);

/*
 * Read once from a non-blocking fd.  Keeps at most cap bytes in the buffer;
 * what does not fit is counted in *dropped.  Returns the number of bytes
 * read, 0 at end-of-file, -1 on error (errno set; EAGAIN is an error the
 * caller is expected to treat as "nothing now").
 */
ssize_t	 oc_buf_read_once(struct oc_buf *, int fd, size_t cap, size_t *dropped);

/*
 * Append a printable rendering of data: control bytes and invalid UTF-8
 * become \xNN escapes (tab and newline kept when keep_nl is set).
 */
void	 oc_buf_add_escaped(struct oc_buf *, const char *, size_t, int keep_nl);

/* The last nlines lines of data (a pointer into it), for stderr tails. */
const char *oc_tail_lines(const char *data, size_t len, int nlines);

#endif
