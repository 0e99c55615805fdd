/* import_xml.c - Moodle XML question banks (Question bank > Export > Moodle
 * XML format) to quizdeck questions, through libxml2.
 *
 * <quiz> holds <question type="..."> elements: category (a topic),
 * multichoice, truefalse, shortanswer and matching are read into Moodle's
 * question model (import_moodle.c, shared with GIFT); a question text with
 * a "_____" blank and one right answer is a missing word (a cloze), as
 * GIFT's missing-word questions come out of Moodle. Other types
 * (numerical, essay, description, calculated, drag and drop, embedded
 * answers) are skipped with a warning. Text is HTML (in CDATA or escaped)
 * and is reduced to plain text.
 *
 * The input is untrusted: libxml2 reads it with no network access
 * (XML_PARSE_NONET), no external DTD, no entity substitution and no
 * XML_PARSE_HUGE, and a document that declares entities is refused, so no
 * entity can be expanded at all (no "billion laughs"). Only text and CDATA
 * children are read, never entity references.
 *
 * Read import_internal.h first.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "import_internal.h"

typedef struct XmlReader {
    ImportSource *src;
    const char *topic;
} XmlReader;

static bool is_element(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static xmlNode *child(const xmlNode *parent, const char *name)
{
    if (!parent)
        return NULL;
    for (xmlNode *c = parent->children; c; c = c->next)
        if (is_element(c, name))
            return c;
    return NULL;
}

static int line_of(const xmlNode *n)
{
    long line = n ? xmlGetLineNo(n) : 1;
    return line > 0 && line < 0x7fffffff ? (int)line : 1;
}

/* The text and CDATA directly inside n, joined (bounded). */
static void direct_text(const xmlNode *n, StrBuf *out)
{
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next) {
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content &&
            out->len < IMPORT_MAX_FIELD)
            strbuf_add(out, (const char *)c->content);
    }
}

/* The text of <el format="..."><text>...</text></el>, cleaned by format. */
static const char *formatted_text(XmlReader *r, const xmlNode *el)
{
    if (!el)
        return "";
    StrBuf b = {0};
    xmlNode *t = child(el, "text");
    direct_text(t ? t : el, &b);
    xmlChar *format = xmlGetProp(el, (const xmlChar *)"format");
    bool html = true;
    if (format) {
        const char *f = (const char *)format;
        if (strcmp(f, "plain_text") == 0 || strcmp(f, "markdown") == 0)
            html = false;
        else if (strcmp(f, "moodle_auto_format") == 0)
            html = import_looks_html(strbuf_text(&b), b.len);
        xmlFree(format);
    }
    bool image = false;
    const char *text = import_clean(r->src, strbuf_text(&b), b.len,
                                    html ? IMPORT_TEXT_HTML : IMPORT_TEXT_PLAIN, &image);
    if (image)
        diag_add(&r->src->pack->diags, DIAG_WARNING, r->src->name, line_of(el), 1,
                 "Moodle XML: the text shows an image, which quizdeck cannot show; only its "
                 "words are kept");
    strbuf_free(&b);
    return text;
}

/* The plain text of <el><text>..</text></el> or <el>..</el>. */
static const char *plain_text(XmlReader *r, const xmlNode *el)
{
    if (!el)
        return "";
    StrBuf b = {0};
    xmlNode *t = child(el, "text");
    direct_text(t ? t : el, &b);
    const char *text = import_clean(r->src, strbuf_text(&b), b.len, IMPORT_TEXT_PLAIN, NULL);
    strbuf_free(&b);
    return text;
}

static bool truthy(const char *v)
{
    return strcmp(v, "1") == 0 || import_ieq(v, "true");
}

static double fraction_of(const xmlNode *answer)
{
    xmlChar *f = xmlGetProp(answer, (const xmlChar *)"fraction");
    double v = 0;
    if (f) {
        v = strtod((const char *)f, NULL);
        xmlFree(f);
    }
    return v;
}

/* Splits "before _____ after" at its first run of 5 or more underscores;
 * false when there is none. */
static bool split_blank(XmlReader *r, const char *text, const char **before, const char **after)
{
    const char *u = strstr(text, "_____");
    if (!u)
        return false;
    const char *e = u;
    while (*e == '_')
        e++;
    *before = import_clean(r->src, text, (size_t)(u - text), IMPORT_TEXT_KEEP_LINES, NULL);
    *after = import_clean(r->src, e, strlen(e), IMPORT_TEXT_KEEP_LINES, NULL);
    return true;
}

static void xml_question(XmlReader *r, xmlNode *qn, const char *type)
{
    ImportSource *src = r->src;
    int line = line_of(qn);
    if (strcmp(type, "category") == 0) {
        const char *path = plain_text(r, child(qn, "category"));
        r->topic = import_topic(src, moodle_category_title(src, path));
        return;
    }
    MoodleQuestion m = {.format = "Moodle XML", .line = line, .column = 1, .topic = r->topic};
    if (strcmp(type, "multichoice") == 0)
        m.kind = MOODLE_MULTICHOICE;
    else if (strcmp(type, "truefalse") == 0)
        m.kind = MOODLE_TRUEFALSE;
    else if (strcmp(type, "shortanswer") == 0)
        m.kind = MOODLE_SHORTANSWER;
    else if (strcmp(type, "matching") == 0)
        m.kind = MOODLE_MATCHING;
    else {
        /* the summary's reasons are static text */
        static const char *const known[] = {"numerical",  "essay",       "description",
                                            "calculated", "multianswer", "ddwtos",
                                            "gapselect",  "ddmarker",    "ddimageortext"};
        const char *reason = "other types";
        for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
            if (strcmp(type, known[i]) == 0)
                reason = known[i];
        diag_add(&src->pack->diags, DIAG_WARNING, src->name, line, 1,
                 "Moodle XML: %s questions are not supported; skipped", type);
        import_count_skip(src, reason);
        return;
    }
    m.title = plain_text(r, child(qn, "name"));
    m.text = formatted_text(r, child(qn, "questiontext"));
    m.general_feedback = formatted_text(r, child(qn, "generalfeedback"));
    const char *single = plain_text(r, child(qn, "single"));
    m.single = single[0] ? truthy(single) : 1;
    const char *shuffle = plain_text(r, child(qn, "shuffleanswers"));
    m.no_shuffle = shuffle[0] && !truthy(shuffle);

    MoodleAnswer answers[IMPORT_MAX_LIST];
    size_t n = 0;
    const char *answer_element = m.kind == MOODLE_MATCHING ? "subquestion" : "answer";
    for (xmlNode *c = qn->children; c; c = c->next) {
        if (!is_element(c, answer_element))
            continue;
        if (n == IMPORT_MAX_LIST) {
            diag_add(&src->pack->diags, DIAG_ERROR, src->name, line, 1,
                     "Moodle XML: more than %d answers in one question; skipped", IMPORT_MAX_LIST);
            import_count_skip(src, "with errors");
            return;
        }
        MoodleAnswer *a = &answers[n++];
        *a = (MoodleAnswer){.line = line_of(c), .column = 1, .feedback = "", .right = ""};
        a->text = formatted_text(r, c);
        a->fraction = fraction_of(c);
        a->feedback = formatted_text(r, child(c, "feedback"));
        if (m.kind == MOODLE_MATCHING)
            a->right = plain_text(r, child(c, "answer"));
    }
    m.answers = answers;
    m.answer_count = n;
    if (m.kind == MOODLE_TRUEFALSE) {
        m.true_feedback = m.false_feedback = "";
        bool found = false;
        for (size_t i = 0; i < n; i++) {
            bool is_true = import_ieq(answers[i].text, "true");
            if (is_true)
                m.true_feedback = answers[i].feedback;
            else
                m.false_feedback = answers[i].feedback;
            if (answers[i].fraction >= 99.99) {
                m.truth = is_true;
                found = true;
            }
        }
        if (!found) {
            diag_add(&src->pack->diags, DIAG_ERROR, src->name, line, 1,
                     "Moodle XML: a true/false question with neither answer worth 100%%; "
                     "skipped");
            import_count_skip(src, "no right answer");
            return;
        }
        m.answer_count = 0;
    }
    if ((m.kind == MOODLE_SHORTANSWER || (m.kind == MOODLE_MULTICHOICE && m.single)) &&
        split_blank(r, m.text, &m.before, &m.after) && !m.before[0] && !m.after[0])
        m.before = m.after = NULL;
    xmlNode *tags = child(qn, "tags");
    if (tags) {
        const char *list[IMPORT_MAX_LIST];
        size_t t = 0;
        for (xmlNode *c = tags->children; c && t < IMPORT_MAX_LIST; c = c->next)
            if (is_element(c, "tag")) {
                const char *tag = plain_text(r, c);
                if (tag[0])
                    list[t++] = tag;
            }
        m.tags = import_list(src, list, t);
    }
    moodle_add(src, &m);
}

static bool declares_entities(xmlDoc *doc)
{
    return (doc->intSubset && doc->intSubset->entities) ||
           (doc->extSubset && doc->extSubset->entities);
}

bool import_moodle_xml(ImportSource *src)
{
    if (src->size > INT32_MAX)
        return false;
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        import_error(src, 0, "out of memory");
        return false;
    }
    int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA |
                  XML_PARSE_BIG_LINES;
    xmlDoc *doc = xmlCtxtReadMemory(ctxt, src->data, (int)src->size, src->name, "UTF-8", options);
    if (!doc) {
        const xmlError *e = xmlCtxtGetLastError(ctxt);
        char message[300] = "not well-formed XML";
        if (e && e->message) {
            snprintf(message, sizeof message, "%s", e->message);
            size_t len = strlen(message);
            while (len && (message[len - 1] == '\n' || message[len - 1] == ' '))
                message[--len] = '\0';
        }
        import_error_at(src, e && e->line > 0 ? e->line : 1, e && e->int2 > 0 ? e->int2 : 1,
                        "Moodle XML: %s", message);
        xmlFreeParserCtxt(ctxt);
        return false;
    }
    bool ok = true;
    xmlNode *root = xmlDocGetRootElement(doc);
    if (declares_entities(doc)) {
        import_error_at(src, 1, 1,
                        "Moodle XML: the file declares entities (<!ENTITY>), which Moodle never "
                        "writes; refused");
        ok = false;
    } else if (!is_element(root, "quiz")) {
        import_error_at(src, line_of(root), 1,
                        "Moodle XML: the document is not a Moodle question bank (it should start "
                        "with <quiz>)");
        ok = false;
    } else {
        XmlReader r = {.src = src, .topic = ""};
        for (xmlNode *q = root->children; q; q = q->next) {
            if (!is_element(q, "question"))
                continue;
            xmlChar *type = xmlGetProp(q, (const xmlChar *)"type");
            xml_question(&r, q, type ? (const char *)type : "(no type)");
            if (type)
                xmlFree(type);
        }
    }
    xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    return ok;
}
