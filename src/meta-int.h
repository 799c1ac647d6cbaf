/*
 * meta-int: what the files of the meta module share and nothing else
 * needs (meta.c parses, meta-model.c builds the model, meta-schema.c
 * validates).
 */
#ifndef OC_META_INT_H
#define OC_META_INT_H

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "buf.h"

struct oc_meta;

/* Build the model from doc, which it then owns; NULL with a message in
 * err if the root is not a resource-agent (doc is then the caller's). */
struct oc_meta	*meta_model_build(xmlDocPtr doc, int line_base,
		    struct oc_buf *err);
/* The line of n in the agent's stdout. */
int		 meta_line(const struct oc_meta *, const xmlNode *n);
/* Is n an element called name (no namespace)? */
int		 meta_is(const xmlNode *n, const char *name);
/* An external entity loader that refuses every entity, DTD or document
 * libxml2 wants to load (install it around each parse). */
xmlParserInputPtr meta_no_loader(const char *url, const char *id,
		    xmlParserCtxtPtr ctxt);
/* Free the schemas loaded by meta-schema.c. */
void		 meta_schema_cleanup(void);

/* The embedded schemas (schema-data.c, generated at build time). */
extern const unsigned char	oc_schema_ra_api_1_dtd[];
extern const size_t		oc_schema_ra_api_1_dtd_len;
extern const unsigned char	oc_schema_ocf_1_1_rng[];
extern const size_t		oc_schema_ocf_1_1_rng_len;

#endif
