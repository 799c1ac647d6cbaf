# src: the library every program and test links, and the ocf-check binary.
noinst_LIBRARIES += src/libocfcheck.a
src_libocfcheck_a_SOURCES = \
	src/agent.c src/agent.h \
	src/artifacts.c src/artifacts.h \
	src/buf.c src/buf.h \
	src/check.c src/check-ctx.c src/check.h \
	src/check-exec.c \
	src/check-file.c \
	src/check-final.c \
	src/check-life.c \
	src/check-multi.c \
	src/check-opt.c \
	src/check-role.c \
	src/check-stop.c \
	src/check-val.c \
	src/duration.c src/duration.h \
	src/ocf.c src/ocf.h \
	src/proc.c src/proc.h \
	src/strv.c src/strv.h \
	src/xalloc.c src/xalloc.h

bin_PROGRAMS += ocf-check
ocf_check_SOURCES = src/main.c src/opts.c src/opts.h
ocf_check_LDADD = src/libocfcheck.a $(LIBXML2_LIBS) $(PCRE2_LIBS)

# The meta-data module and the reporters keep their own fragments.
include src/meta.mk
include src/report.mk
