/*
 * Unit tests of the leaf utilities: oc_buf (buf.c), oc_strv and the
 * environment helpers (strv.c).
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "strv.h"

/* The invariants every buffer keeps: NUL-terminated, alloc covers len. */
static void
assert_buf_ok(const struct oc_buf *b)
{
	assert_non_null(b->buf);
	assert_int_equal(b->buf[b->len], '\0');
	if (b->alloc == 0) {
		assert_int_equal(b->len, 0);
		assert_ptr_equal(b->buf, oc_buf_empty);
	} else
		assert_true(b->len < b->alloc);
}

/* A fresh buffer is the static empty string; release makes it fresh again. */
static void
test_buf_init_release(void **state)
{
	struct oc_buf b = OC_BUF_INIT;

	(void)state;
	assert_buf_ok(&b);
	assert_string_equal(b.buf, "");
	oc_buf_release(&b);		/* releasing an unused buffer is fine */
	assert_buf_ok(&b);
	oc_buf_adds(&b, "x");
	assert_true(b.alloc > 0);
	oc_buf_release(&b);
	assert_buf_ok(&b);
	oc_buf_release(&b);		/* and twice */
	oc_buf_adds(&b, "reusable");
	assert_string_equal(b.buf, "reusable");
	oc_buf_reset(&b);
	assert_buf_ok(&b);
	assert_string_equal(b.buf, "");
	oc_buf_release(&b);
	oc_buf_reset(&b);		/* reset of an unallocated buffer */
	assert_buf_ok(&b);
}

/* add, adds, addch and addf append; the buffer grows as needed. */
static void
test_buf_add(void **state)
{
	struct oc_buf b = OC_BUF_INIT;
	size_t i;

	(void)state;
	oc_buf_add(&b, "abc", 0);
	assert_int_equal(b.alloc, 0);	/* nothing added, nothing allocated */
	oc_buf_add(&b, "abcdef", 3);
	oc_buf_adds(&b, "-");
	oc_buf_addch(&b, 'z');
	oc_buf_addf(&b, "[%d|%s|%5.1f]", 42, "s", 1.25);
	assert_string_equal(b.buf, "abc-z[42|s|  1.2]");
	assert_int_equal(b.len, strlen(b.buf));
	assert_buf_ok(&b);
	oc_buf_addf(&b, "%s", "");
	assert_int_equal(b.len, 17);
	for (i = 0; i < 10000; i++)
		oc_buf_addf(&b, "%zu,", i % 10);
	assert_int_equal(b.len, 17 + 20000);
	assert_memory_equal(b.buf + b.len - 4, "8,9,", 4);
	assert_buf_ok(&b);
	oc_buf_release(&b);
	oc_buf_addf(&b, "%s", "");	/* empty format on a fresh buffer */
	assert_buf_ok(&b);
	assert_int_equal(b.len, 0);
	oc_buf_release(&b);
}

/* Data with NUL bytes is kept whole; len, not strlen, is the size. */
static void
test_buf_binary(void **state)
{
	static const char data[] = "a\0b\0\0c";
	struct oc_buf b = OC_BUF_INIT;
	char *s;
	size_t len;

	(void)state;
	oc_buf_add(&b, data, sizeof(data) - 1);
	oc_buf_addch(&b, '\0');
	assert_int_equal(b.len, sizeof(data));
	assert_memory_equal(b.buf, data, sizeof(data));
	assert_buf_ok(&b);
	s = oc_buf_detach(&b, &len);
	assert_int_equal(len, sizeof(data));
	assert_memory_equal(s, data, sizeof(data));
	free(s);
}

/* detach hands over the memory and resets; an empty buffer gives "". */
static void
test_buf_detach(void **state)
{
	struct oc_buf b = OC_BUF_INIT;
	char *s;
	size_t len = 99;

	(void)state;
	s = oc_buf_detach(&b, &len);
	assert_string_equal(s, "");
	assert_int_equal(len, 0);
	free(s);			/* always the caller's to free */
	oc_buf_adds(&b, "hello");
	s = oc_buf_detach(&b, NULL);
	assert_string_equal(s, "hello");
	assert_buf_ok(&b);
	assert_int_equal(b.alloc, 0);
	oc_buf_adds(&b, "again");	/* usable after detach */
	assert_string_equal(b.buf, "again");
	assert_true(b.buf != s);
	free(s);
	oc_buf_release(&b);
}

/* rtrim drops trailing blanks, tabs and line ends only. */
static void
test_buf_rtrim(void **state)
{
	struct oc_buf b = OC_BUF_INIT;

	(void)state;
	oc_buf_rtrim(&b);
	assert_buf_ok(&b);
	oc_buf_adds(&b, " a b \t\r\n \n");
	oc_buf_rtrim(&b);
	assert_string_equal(b.buf, " a b");
	assert_int_equal(b.len, 4);
	oc_buf_reset(&b);
	oc_buf_adds(&b, " \n\t");
	oc_buf_rtrim(&b);
	assert_int_equal(b.len, 0);
	assert_buf_ok(&b);
	oc_buf_release(&b);
}

/* read_once keeps up to cap bytes, counts the rest, reports EOF and EAGAIN. */
static void
test_buf_read_once(void **state)
{
	char chunk[5000];
	struct oc_buf b = OC_BUF_INIT;
	size_t dropped = 0;
	int fds[2];

	(void)state;
	memset(chunk, 'q', sizeof(chunk));
	assert_int_equal(pipe2(fds, O_NONBLOCK | O_CLOEXEC), 0);
	assert_int_equal(oc_buf_read_once(&b, fds[0], 100, &dropped), -1);
	assert_int_equal(errno, EAGAIN);
	assert_int_equal(write(fds[1], "hi\0there", 8), 8);
	assert_int_equal(oc_buf_read_once(&b, fds[0], 100, &dropped), 8);
	assert_int_equal(b.len, 8);
	assert_memory_equal(b.buf, "hi\0there", 8);
	assert_int_equal(dropped, 0);
	/* 5000 more: 92 fit under the cap of 100, the rest is counted */
	assert_int_equal(write(fds[1], chunk, sizeof(chunk)), sizeof(chunk));
	assert_int_equal(oc_buf_read_once(&b, fds[0], 100, &dropped), 5000);
	assert_int_equal(b.len, 100);
	assert_int_equal(dropped, 5000 - 92);
	assert_buf_ok(&b);
	/* once full, everything read is counted */
	assert_int_equal(write(fds[1], chunk, 10), 10);
	assert_int_equal(oc_buf_read_once(&b, fds[0], 100, &dropped), 10);
	assert_int_equal(b.len, 100);
	assert_int_equal(dropped, 5000 - 92 + 10);
	/* a NULL counter is allowed */
	assert_int_equal(write(fds[1], "x", 1), 1);
	assert_int_equal(oc_buf_read_once(&b, fds[0], 100, NULL), 1);
	close(fds[1]);
	assert_int_equal(oc_buf_read_once(&b, fds[0], 100, &dropped), 0);
	close(fds[0]);
	assert_int_equal(oc_buf_read_once(&b, fds[0], 100, &dropped), -1);
	assert_int_equal(errno, EBADF);
	oc_buf_release(&b);
}

static void
assert_escaped(const char *in, size_t n, int keep_nl, const char *want)
{
	struct oc_buf b = OC_BUF_INIT;

	oc_buf_add_escaped(&b, in, n, keep_nl);
	assert_string_equal(b.buf, want);
	assert_buf_ok(&b);
	oc_buf_release(&b);
}

/* Control bytes and invalid UTF-8 become \xNN; valid UTF-8 stays. */
static void
test_buf_escaped(void **state)
{
	(void)state;
	assert_escaped("", 0, 0, "");
	assert_escaped("plain text", 10, 0, "plain text");
	assert_escaped("a\tb\nc", 5, 0, "a\\tb\\nc");
	assert_escaped("a\tb\nc", 5, 1, "a\tb\nc");
	assert_escaped("nul\0x\x01\x1f\x7f", 8, 0, "nul\\x00x\\x01\\x1f\\x7f");
	assert_escaped("\033[31mred\r", 9, 1, "\\x1b[31mred\\x0d");
	assert_escaped("\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x98\x80", 11, 0,
	    "\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x98\x80");
	assert_escaped("\xff\xfe", 2, 0, "\\xff\\xfe");
	assert_escaped("\xc0\xaf", 2, 0, "\\xc0\\xaf");		/* overlong */
	assert_escaped("\xe0\x80\xaf", 3, 0, "\\xe0\\x80\\xaf");	/* overlong */
	assert_escaped("\xed\xa0\x80", 3, 0, "\\xed\\xa0\\x80");	/* surrogate */
	assert_escaped("\xf4\x90\x80\x80", 4, 0,
	    "\\xf4\\x90\\x80\\x80");			/* > U+10FFFF */
	assert_escaped("ok\xe2\x82", 4, 0, "ok\\xe2\\x82");	/* cut short */
	assert_escaped("\xc3" "A", 2, 0, "\\xc3A");	/* bad continuation */
}

/* tail_lines points at the start of the last n lines. */
static void
test_tail_lines(void **state)
{
	static const char text[] = "one\ntwo\nthree\n";
	static const char bare[] = "one\ntwo";
	size_t n = sizeof(text) - 1;

	(void)state;
	assert_string_equal(oc_tail_lines(text, n, 1), "three\n");
	assert_string_equal(oc_tail_lines(text, n, 2), "two\nthree\n");
	assert_string_equal(oc_tail_lines(text, n, 3), text);
	assert_string_equal(oc_tail_lines(text, n, 10), text);
	assert_string_equal(oc_tail_lines(bare, sizeof(bare) - 1, 1), "two");
	assert_string_equal(oc_tail_lines(bare, sizeof(bare) - 1, 5), bare);
	assert_string_equal(oc_tail_lines("", 0, 3), "");
	assert_string_equal(oc_tail_lines("\n\n\n", 3, 2), "\n\n");
}

/* A vector is NULL-terminated after every push; release empties it. */
static void
test_strv(void **state)
{
	struct oc_strv sv = OC_STRV_INIT, cp = OC_STRV_INIT;
	char name[16];
	size_t i;

	(void)state;
	assert_non_null(sv.v);
	assert_null(sv.v[0]);
	oc_strv_release(&sv);		/* releasing an empty vector is fine */
	oc_strv_push(&sv, "a");
	oc_strv_push_nodup(&sv, xstrdup("b"));
	oc_strv_pushf(&sv, "%s=%d", "c", 3);
	assert_int_equal(sv.n, 3);
	assert_string_equal(sv.v[0], "a");
	assert_string_equal(sv.v[1], "b");
	assert_string_equal(sv.v[2], "c=3");
	assert_null(sv.v[3]);
	for (i = 0; i < 100; i++) {
		snprintf(name, sizeof(name), "s%zu", i);
		oc_strv_push(&sv, name);
		assert_null(sv.v[sv.n]);
	}
	assert_string_equal(sv.v[102], "s99");
	oc_strv_copy(&cp, &sv);
	assert_int_equal(cp.n, sv.n);
	assert_true(cp.v[0] != sv.v[0]);	/* copies, not shared */
	assert_string_equal(cp.v[50], sv.v[50]);
	oc_strv_release(&sv);
	assert_int_equal(sv.n, 0);
	assert_null(sv.v[0]);
	oc_strv_push(&sv, "again");
	assert_string_equal(sv.v[0], "again");
	oc_strv_release(&sv);
	oc_strv_release(&cp);
}

/* set replaces or adds, get finds exact names only, unset removes one. */
static void
test_env(void **state)
{
	struct oc_strv env = OC_STRV_INIT;

	(void)state;
	assert_null(oc_env_get(&env, "A"));
	assert_int_equal(oc_env_unset(&env, "A"), 0);
	oc_env_set(&env, "AB", "1");
	oc_env_set(&env, "A", "2");
	oc_env_set(&env, "ABC", "x=y");
	oc_env_set(&env, "E", "");
	assert_string_equal(oc_env_get(&env, "A"), "2");
	assert_string_equal(oc_env_get(&env, "AB"), "1");
	assert_string_equal(oc_env_get(&env, "ABC"), "x=y");
	assert_string_equal(oc_env_get(&env, "E"), "");
	assert_null(oc_env_get(&env, "x"));
	oc_env_set(&env, "AB", "replaced");
	assert_int_equal(env.n, 4);
	assert_string_equal(env.v[0], "AB=replaced");	/* in place */
	assert_int_equal(oc_env_unset(&env, "A"), 1);
	assert_int_equal(env.n, 3);
	assert_null(env.v[3]);
	assert_string_equal(env.v[0], "AB=replaced");
	assert_string_equal(env.v[1], "ABC=x=y");
	assert_string_equal(env.v[2], "E=");
	assert_null(oc_env_get(&env, "A"));
	assert_int_equal(oc_env_unset(&env, "A"), 0);
	assert_int_equal(oc_env_unset(&env, "E"), 1);	/* the last one */
	assert_int_equal(env.n, 2);
	assert_null(env.v[2]);
	oc_strv_release(&env);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_init_release),
		cmocka_unit_test(test_buf_add),
		cmocka_unit_test(test_buf_binary),
		cmocka_unit_test(test_buf_detach),
		cmocka_unit_test(test_buf_rtrim),
		cmocka_unit_test(test_buf_read_once),
		cmocka_unit_test(test_buf_escaped),
		cmocka_unit_test(test_tail_lines),
		cmocka_unit_test(test_strv),
		cmocka_unit_test(test_env),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
