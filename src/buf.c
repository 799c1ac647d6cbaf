/* Growable byte buffer; see buf.h. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"

char oc_buf_empty[1];

void
oc_buf_init(struct oc_buf *b)
{
	b->buf = oc_buf_empty;
	b->len = 0;
	b->alloc = 0;
}

void
oc_buf_release(struct oc_buf *b)
{
	if (b->alloc != 0)
		free(b->buf);
	oc_buf_init(b);
}

void
oc_buf_reset(struct oc_buf *b)
{
	b->len = 0;
	if (b->alloc != 0)
		b->buf[0] = '\0';
}

void
oc_buf_grow(struct oc_buf *b, size_t extra)
{
	size_t want = b->len + extra + 1;

	if (want <= b->alloc)
		return;
	if (want < 64)
		want = 64;
	if (want < b->alloc * 2)
		want = b->alloc * 2;
	if (b->alloc == 0) {
		b->buf = xmalloc(want);
		b->buf[0] = '\0';
	} else
		b->buf = xrealloc(b->buf, want);
	b->alloc = want;
}

void
oc_buf_add(struct oc_buf *b, const void *data, size_t n)
{
	if (n == 0)
		return;
	oc_buf_grow(b, n);
	memcpy(b->buf + b->len, data, n);
	b->len += n;
	b->buf[b->len] = '\0';
}

void
oc_buf_adds(struct oc_buf *b, const char *s)
{
	oc_buf_add(b, s, strlen(s));
}

void
oc_buf_addch(struct oc_buf *b, int c)
{
	char ch = (char)c;

	oc_buf_add(b, &ch, 1);
}

void
oc_buf_vaddf(struct oc_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		OC_BUG("bad format '%s'", fmt);
	oc_buf_grow(b, (size_t)n);
	vsnprintf(b->buf + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
oc_buf_addf(struct oc_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	oc_buf_vaddf(b, fmt, ap);
	va_end(ap);
}

char *
oc_buf_detach(struct oc_buf *b, size_t *lenp)
{
	char *s;

	if (lenp != NULL)
		*lenp = b->len;
	if (b->alloc == 0)
		s = xstrdup("");
	else
		s = b->buf;
	oc_buf_init(b);
	return s;
}

void
oc_buf_rtrim(struct oc_buf *b)
{
	while (b->len > 0 && (b->buf[b->len - 1] == ' ' ||
	    b->buf[b->len - 1] == '\t' || b->buf[b->len - 1] == '\n' ||
	    b->buf[b->len - 1] == '\r'))
		b->len--;
	if (b->alloc != 0)
		b->buf[b->len] = '\0';
}

ssize_t
oc_buf_read_once(struct oc_buf *b, int fd, size_t cap, size_t *dropped)
{
	char chunk[65536];
	ssize_t n;
	size_t keep;

	do
		n = read(fd, chunk, sizeof(chunk));
	while (n == -1 && errno == EINTR);
	if (n <= 0)
		return n;
	keep = (size_t)n;
	if (b->len >= cap)
		keep = 0;
	else if (keep > cap - b->len)
		keep = cap - b->len;
	oc_buf_add(b, chunk, keep);
	if (dropped != NULL)
		*dropped += (size_t)n - keep;
	return n;
}

/* Length of the valid UTF-8 sequence at s (1 to 4), or 0 if invalid. */
static size_t
buf_utf8_len(const unsigned char *s, size_t n)
{
	size_t len, i;
	unsigned cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

void
oc_buf_add_escaped(struct oc_buf *b, const char *data, size_t n, int keep_nl)
{
	const unsigned char *s = (const unsigned char *)data;
	size_t i = 0, l;

	while (i < n) {
		if (s[i] == '\n' || s[i] == '\t') {
			if (keep_nl)
				oc_buf_addch(b, s[i]);
			else
				oc_buf_adds(b, s[i] == '\n' ? "\\n" : "\\t");
			i++;
		} else if (s[i] < 0x20 || s[i] == 0x7f) {
			oc_buf_addf(b, "\\x%02x", s[i]);
			i++;
		} else if ((l = buf_utf8_len(s + i, n - i)) == 0) {
			oc_buf_addf(b, "\\x%02x", s[i]);
			i++;
		} else {
			oc_buf_add(b, s + i, l);
			i += l;
		}
	}
}

const char *
oc_tail_lines(const char *data, size_t len, int nlines)
{
	size_t i = len;

	if (len > 0 && data[len - 1] == '\n')
		i--;
	while (i > 0) {
		if (data[i - 1] == '\n' && --nlines <= 0)
			break;
		i--;
	}
	return data + i;
}
