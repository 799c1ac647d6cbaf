/*
 * meta: the agent's meta-data, parsed safely with libxml2 (the only module
 * that uses libxml2 besides the JUnit reporter), validated against our own
 * ra-api-1.dtd and OCF 1.1 grammar (embedded at build time), and turned
 * into the plain model below, which the lifecycle checks read.
 *
 *	m = oc_meta_parse(run->out.buf, run->out.len, &err);
 *	p = oc_meta_param_find(m, "ip");	(borrowed from m)
 *	oc_meta_free(m);
 *
 * Strings in the model are owned by it and freed by oc_meta_free(); lines
 * are those of the agent's stdout (1 = its first line).
 */
#ifndef OC_META_H
#define OC_META_H

#include <stddef.h>

#include "buf.h"

/* The largest meta-data ocf-check parses (real agents stay under 20 KiB). */
#define OC_META_MAX_BYTES	(2u * 1024 * 1024)

struct oc_meta_param {
	char	*name;
	char	*type;		/* content/@type: string, integer, boolean, select... */
	char	*def;		/* content/@default, or NULL */
	char   **options;	/* select options (NULL-terminated), or NULL */
	char	*unique_group;	/* 1.1 unique-group, or NULL */
	int	 line;
	unsigned required:1;
	unsigned unique:1;
	unsigned reloadable:1;
	unsigned deprecated:1;
	/* As written, for lint: */
	char	*required_s;	/* required/@, or NULL */
	char	*unique_s;
	char	*reloadable_s;
	char   **replaced_with;	/* deprecated/replaced-with/@name (NULL-
				   terminated), or NULL */
	size_t	 ncontent;	/* content elements (1 expected) */
	size_t	 noptions;	/* option elements, with or without value */
	int	 content_line;
};

struct oc_meta_action {
	char	*name;
	char	*timeout;	/* as written, or NULL */
	char	*interval;	/* as written, or NULL */
	char	*depth;		/* as written, or NULL */
	char	*role;		/* as written, or NULL */
	char	*start_delay;	/* as written, or NULL */
	long long timeout_ms;	/* parsed, -1 if absent or bad */
	long long interval_ms;	/* parsed, 0 if absent, -1 if bad */
	int	 depth_n;	/* parsed, 0 if absent, -1 if bad */
	int	 line;
};

/* A longdesc, shortdesc or desc (of a deprecation). */
struct oc_meta_desc {
	const char *elem;	/* "longdesc", "shortdesc" or "desc" */
	char	*lang;		/* @lang, or NULL */
	char	*text;		/* the text content, as written */
	long	 param;		/* index in params, or -1 for the agent */
	int	 line;
	unsigned markup:1;	/* has child elements */
	unsigned in_deprecated:1;
};

struct oc_meta {
	void	*doc;		/* xmlDocPtr, owned */
	char	*name;		/* resource-agent/@name, or NULL */
	char	*agent_version;	/* resource-agent/@version, or NULL */
	char	*version;	/* <version> text, trimmed, or NULL */
	int	 ocf_major;	/* from version if it is x.y, else -1 */
	int	 ocf_minor;
	struct oc_meta_param	*params;
	size_t			 nparams;
	struct oc_meta_action	*actions;
	size_t			 nactions;
	struct oc_meta_desc	*descs;
	size_t			 ndescs;
	int	 version_line;	/* 0 if there is no <version> */
	/* The DOCTYPE as declared (schema.doctype); NULLs if none. */
	unsigned has_doctype:1;
	unsigned doctype_subset:1;	/* with an internal subset */
	unsigned entity_refs:1;		/* references entities, unexpanded */
	char	*doctype_name;
	char	*doctype_system;
	char	*doctype_public;
	char	*encoding;	/* as declared in <?xml?>, or NULL */
	int	 line_base;	/* stdout lines before the document */
};

/*
 * Where the document lies in an agent's stdout (meta.stdout-one-doc).
 * The document is data[start, end); what comes before start is stray
 * when lead_stray is set; trail is the offset of the first stray byte
 * after the document (after its root element and any comments, PIs and
 * white space), or len when there is none.
 */
struct oc_meta_extent {
	size_t	 start, end, trail;
	unsigned found:1;	/* something that starts like XML */
	unsigned lead_stray:1;
	unsigned lead_blank:1;	/* only white space before <?xml */
	unsigned root_closed:1;	/* the root element's end was seen */
};
void	oc_meta_locate(const char *data, size_t len, struct oc_meta_extent *);

/*
 * Scan raw output for NUL bytes and invalid UTF-8 (meta.encoding): one
 * line per problem appended to out ("byte 12: NUL"), at most a few of each
 * kind.  A document that declares another encoding is not checked for
 * UTF-8.  Returns the number of problems.
 */
int	oc_meta_scan_bytes(const char *data, size_t len, struct oc_buf *out);

/*
 * Parse an XML document from memory: no network, no external DTD or
 * entity loading, no entity substitution, bounded size and depth.
 * Stray bytes around the document (see oc_meta_locate) are ignored.
 * Returns NULL and appends a plain-words message (with the line) to err
 * when the document is not well-formed or not a resource-agent.
 */
struct oc_meta	*oc_meta_parse(const char *data, size_t len, struct oc_buf *err);
void		 oc_meta_free(struct oc_meta *);
/* Free libxml2's global state and the cached schemas (at exit). */
void		 oc_meta_cleanup(void);

const struct oc_meta_param  *oc_meta_param_find(const struct oc_meta *, const char *);
/* First action entry named name (for monitor: the first one), or NULL. */
const struct oc_meta_action *oc_meta_action_find(const struct oc_meta *, const char *);
/* Is the action advertised? */
int	oc_meta_has_action(const struct oc_meta *, const char *);
/* Does the agent claim OCF 1.1 or later in <version>? */
int	oc_meta_is_11(const struct oc_meta *);
/* Same parameters (names, types, defaults, flags, options) and action
 * entries (name, timeout, interval, role, depth)?  Descriptions are not
 * compared. */
int	oc_meta_same_model(const struct oc_meta *, const struct oc_meta *);

/* Validation against the embedded schemas.  Each problem is appended to
 * out as one line "line N: element <x>: what was expected".  Return the
 * number of problems (0 = valid), -1 if the schema itself failed to load.
 * Known extension attributes (see oc_meta_extensions) are removed first,
 * the DOCTYPE's internal subset is never used, entities never expanded. */
int	oc_meta_validate_dtd(const struct oc_meta *, struct oc_buf *out);
int	oc_meta_validate_rng11(const struct oc_meta *, struct oc_buf *out);
/* Is the document DTD-valid once the OCF 1.1 constructs (reload-agent,
 * select, unique-group, reloadable, deprecated) are taken out?  1, 0, or
 * -1 if the schema failed to load. */
int	oc_meta_dtd_valid_but_11(const struct oc_meta *);
/* Known non-standard attributes (Pacemaker's parameter/@private): one
 * line each appended to out; returns how many. */
int	oc_meta_extensions(const struct oc_meta *, struct oc_buf *out);

#endif
