/* answer_fold.c - the normalised stream of a typed answer (answer_fold.h):
 * the rules of answer_match.h, steps 1 to 4, and answer_normalize.
 *
 * The text flows through four small stages that read UTF-8 one code point
 * at a time and never copy the input: fold (case, diacritics, punctuation,
 * digits, Arabic letter variants; answer_fold), Arabic articles at word
 * starts (am_next_word), collapse (white space; answer_stream_next), and
 * the leading "the" (answer_stream_open). answer_normalize and the matcher
 * (answer_match.c) both pull code points from that stream, so normalising
 * needs no buffer at all.
 *
 * Read answer_match.h first: the rules are stated there.
 */
#include "answer_fold.h"

#include <stdint.h>

#include "answer_match.h"
#include "strutil.h"

enum {
    AM_END = ANSWER_STREAM_END,
    AM_REPLACEMENT = 0xFFFD, /* stands in for invalid UTF-8 */
};

/* ---- UTF-8 -------------------------------------------------------------- */

/* Decodes one code point at p (p < end). Invalid, overlong or surrogate
 * sequences yield U+FFFD and consume one byte, so no input can stall or
 * read past end. */
static uint32_t am_decode(const unsigned char **pp, const unsigned char *end)
{
    const unsigned char *p = *pp;
    unsigned char b = p[0];
    uint32_t cp;
    size_t need;
    uint32_t min;
    if (b < 0x80) {
        *pp = p + 1;
        return b;
    } else if (b >= 0xC2 && b <= 0xDF) {
        cp = b & 0x1Fu;
        need = 1;
        min = 0x80;
    } else if (b >= 0xE0 && b <= 0xEF) {
        cp = b & 0x0Fu;
        need = 2;
        min = 0x800;
    } else if (b >= 0xF0 && b <= 0xF4) {
        cp = b & 0x07u;
        need = 3;
        min = 0x10000;
    } else {
        *pp = p + 1;
        return AM_REPLACEMENT;
    }
    if ((size_t)(end - p) <= need) {
        *pp = p + 1;
        return AM_REPLACEMENT;
    }
    for (size_t i = 1; i <= need; i++) {
        if ((p[i] & 0xC0) != 0x80) {
            *pp = p + 1;
            return AM_REPLACEMENT;
        }
        cp = (cp << 6) | (p[i] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        *pp = p + 1;
        return AM_REPLACEMENT;
    }
    *pp = p + need + 1;
    return cp;
}

/* ---- folding tables ----------------------------------------------------- */

/* Latin-1 U+00C0..U+00FF: the ASCII spelling of each letter without case or
 * diacritics; NULL keeps the character (the signs × and ÷). */
static const char *const am_latin1[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c",  /* C0 À..Ç */
    "e", "e", "e", "e", "i", "i", "i",  "i",  /* C8 È..Ï */
    "d", "n", "o", "o", "o", "o", "o",  NULL, /* D0 Ð..× */
    "o", "u", "u", "u", "u", "y", "th", "ss", /* D8 Ø..ß */
    "a", "a", "a", "a", "a", "a", "ae", "c",  /* E0 à..ç */
    "e", "e", "e", "e", "i", "i", "i",  "i",  /* E8 è..ï */
    "d", "n", "o", "o", "o", "o", "o",  NULL, /* F0 ð..÷ */
    "o", "u", "u", "u", "u", "y", "th", "y",  /* F8 ø..ÿ */
};

/* Latin Extended-A U+0100..U+017F, one base letter each; '*' marks the two
 * ligatures (Ĳ ĳ -> ij, Œ œ -> oe) handled in code. Grouped by letter:
 * a6 c8 d4 e10 g8 h4 i10 ij2 j2 k3 l10 n9 o6 oe2 r6 s8 t6 u12 w2 y3 z6 s1. */
static const char am_latin_ext_a[] = "aaaaaa"
                                     "cccccccc"
                                     "dddd"
                                     "eeeeeeeeee"
                                     "gggggggg"
                                     "hhhh"
                                     "iiiiiiiiii"
                                     "**"
                                     "jj"
                                     "kkk"
                                     "llllllllll"
                                     "nnnnnnnnn"
                                     "oooooo"
                                     "**"
                                     "rrrrrr"
                                     "ssssssss"
                                     "tttttt"
                                     "uuuuuuuuuuuu"
                                     "ww"
                                     "yyy"
                                     "zzzzzz"
                                     "s";
_Static_assert(sizeof am_latin_ext_a == 128 + 1, "one letter per code point");

/* Single-code-point mappings outside the regular ranges handled in code. */
typedef struct AmMap {
    uint32_t from;
    uint32_t to;
} AmMap;

static const AmMap am_singles[] = {
    /* Latin Extended-B letters common in European, Romanian, pinyin and
     * Vietnamese text. */
    {0x0180, 'b'},
    {0x0192, 'f'},
    {0x01A0, 'o'},
    {0x01A1, 'o'},
    {0x01AF, 'u'},
    {0x01B0, 'u'},
    {0x01CD, 'a'},
    {0x01CE, 'a'},
    {0x01CF, 'i'},
    {0x01D0, 'i'},
    {0x01D1, 'o'},
    {0x01D2, 'o'},
    {0x01D3, 'u'},
    {0x01D4, 'u'},
    {0x01D5, 'u'},
    {0x01D6, 'u'},
    {0x01D7, 'u'},
    {0x01D8, 'u'},
    {0x01D9, 'u'},
    {0x01DA, 'u'},
    {0x01DB, 'u'},
    {0x01DC, 'u'},
    {0x01FA, 'a'},
    {0x01FB, 'a'},
    {0x01FE, 'o'},
    {0x01FF, 'o'},
    {0x0218, 's'},
    {0x0219, 's'},
    {0x021A, 't'},
    {0x021B, 't'},
    /* Greek letters with tonos or dialytika, final sigma, micro sign. */
    {0x00B5, 0x03BC},
    {0x0386, 0x03B1},
    {0x0388, 0x03B5},
    {0x0389, 0x03B7},
    {0x038A, 0x03B9},
    {0x038C, 0x03BF},
    {0x038E, 0x03C5},
    {0x038F, 0x03C9},
    {0x0390, 0x03B9},
    {0x03AA, 0x03B9},
    {0x03AB, 0x03C5},
    {0x03AC, 0x03B1},
    {0x03AD, 0x03B5},
    {0x03AE, 0x03B7},
    {0x03AF, 0x03B9},
    {0x03B0, 0x03C5},
    {0x03C2, 0x03C3},
    {0x03CA, 0x03B9},
    {0x03CB, 0x03C5},
    {0x03CC, 0x03BF},
    {0x03CD, 0x03C5},
    {0x03CE, 0x03C9},
    /* Cyrillic: ё and ѐ are written е, ѝ is и (stress and dots are often
     * left out when typing). */
    {0x0401, 0x0435},
    {0x0400, 0x0435},
    {0x040D, 0x0438},
    {0x0450, 0x0435},
    {0x0451, 0x0435},
    {0x045D, 0x0438},
    {0x04C0, 0x04CF},
    /* Arabic spelling variants (questions/README.md, section 7, says what a
     * teacher accepts and why). A hamza or madda is a mark on a seat letter,
     * as Unicode decomposes these letters, and marks go, so the seat stays:
     * alef with hamza or madda and alef wasla as bare alef, waw and yaa with
     * hamza as waw and yaa. Taa marbuta is written haa and alef maqsura yaa,
     * as students often type them. Persian keheh and yeh are the same
     * letters typed on a Persian layout. */
    {0x0622, 0x0627}, /* آ -> ا */
    {0x0623, 0x0627}, /* أ -> ا */
    {0x0624, 0x0648}, /* ؤ -> و */
    {0x0625, 0x0627}, /* إ -> ا */
    {0x0626, 0x064A}, /* ئ -> ي */
    {0x0629, 0x0647}, /* ة -> ه */
    {0x0649, 0x064A}, /* ى -> ي */
    {0x0671, 0x0627}, /* ٱ -> ا */
    {0x06A9, 0x0643}, /* ک -> ك */
    {0x06CC, 0x064A}, /* ی -> ي */
};

/* Ranges (inclusive) deleted outright: punctuation, invisible format
 * characters and combining marks. */
typedef struct AmRange {
    uint32_t lo;
    uint32_t hi;
} AmRange;

static const AmRange
    am_deleted[] =
        {
            {0x00A1, 0x00A1}, {0x00A7, 0x00A7}, {0x00AB, 0x00AB},
            {0x00AD, 0x00AD}, {0x00B6, 0x00B7}, {0x00BB, 0x00BB},
            {0x00BF, 0x00BF}, {0x0300, 0x036F}, /* combining diacritical marks */
            {0x037E, 0x037E}, {0x0387, 0x0387}, /* Greek ; and · */
            {0x055A, 0x055F}, {0x0589, 0x058A}, /* Armenian punctuation */
            {0x0591, 0x05C7},                   /* Hebrew points and marks */
            {0x060C, 0x060D}, {0x061B, 0x061C}, {0x061E, 0x061F},
            {0x0640, 0x0640},                   /* Arabic tatweel */
            {0x064B, 0x065F}, {0x0670, 0x0670}, /* Arabic harakat, dagger alef */
            {0x066A, 0x066D}, {0x06D4, 0x06D4}, {0x06D6, 0x06DC},
            {0x06DF, 0x06E4}, {0x06E7, 0x06E8}, {0x06EA, 0x06ED},
            {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, /* more combining marks */
            {0x200B, 0x200F},                   /* zero width, LRM, RLM */
            {0x2010, 0x2027},                   /* dashes, quotes, bullets, … */
            {0x202A, 0x202E},                   /* bidi embedding controls */
            {0x2030, 0x205E},                   /* ‰ ′ ″ ‹ › ‼ ⁇ ... */
            {0x2060, 0x206F},                   /* word joiner, bidi isolates */
            {0x20D0, 0x20FF},                   /* combining marks for symbols */
            {0x2E00, 0x2E7F},                   /* supplemental punctuation */
            {0x3001, 0x3003}, {0x3008, 0x3011}, {0x3014, 0x301F},
            {0xFE20, 0xFE2F}, /* combining half marks */
            {0xFD3E, 0xFD3F}, /* ornate parentheses */
            {0xFEFF, 0xFEFF}, /* byte order mark */
            {0xFF01, 0xFF03}, {0xFF05, 0xFF0A}, {0xFF0C, 0xFF0F},
            {0xFF1A, 0xFF1B}, {0xFF1F, 0xFF20}, {0xFF3B, 0xFF3D},
            {0xFF3F, 0xFF3F}, {0xFF5B, 0xFF5B}, {0xFF5D, 0xFF5D},
};

/* White space of every kind; each becomes one ASCII space. */
static const AmRange am_spaces[] = {
    {0x0000, 0x0020}, {0x007F, 0x00A0}, {0x1680, 0x1680}, {0x2000, 0x200A},
    {0x2028, 0x2029}, {0x202F, 0x202F}, {0x205F, 0x205F}, {0x3000, 0x3000},
};

static bool am_in_ranges(uint32_t cp, const AmRange *ranges, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (cp >= ranges[i].lo && cp <= ranges[i].hi) {
            return true;
        }
    }
    return false;
}

static bool am_is_ascii_punct(uint32_t cp)
{
    switch (cp) {
    case '!':
    case '"':
    case '#':
    case '%':
    case '&':
    case '\'':
    case '(':
    case ')':
    case '*':
    case ',':
    case '-':
    case '.':
    case '/':
    case ':':
    case ';':
    case '?':
    case '@':
    case '[':
    case '\\':
    case ']':
    case '_':
    case '`':
    case '{':
    case '}':
        return true;
    default:
        return false;
    }
}

static int am_spell(const char *ascii, uint32_t out[ANSWER_FOLD_MAX])
{
    int n = 0;
    while (ascii[n] != '\0' && n < ANSWER_FOLD_MAX) {
        out[n] = (unsigned char)ascii[n];
        n++;
    }
    return n;
}

/* Folds one code point: writes 0..2 code points to out and returns how
 * many. A space comes out as ' '; deleted characters give 0. */
static int answer_fold(uint32_t cp, uint32_t out[ANSWER_FOLD_MAX])
{
    if (cp < 0x80) {
        if (cp >= 'A' && cp <= 'Z') {
            out[0] = cp + 32;
            return 1;
        }
        if (cp <= 0x20 || cp == 0x7F) {
            out[0] = ' ';
            return 1;
        }
        if (am_is_ascii_punct(cp)) {
            return 0;
        }
        out[0] = cp;
        return 1;
    }
    if (am_in_ranges(cp, am_spaces, sizeof am_spaces / sizeof am_spaces[0])) {
        out[0] = ' ';
        return 1;
    }
    if (am_in_ranges(cp, am_deleted, sizeof am_deleted / sizeof am_deleted[0])) {
        return 0;
    }
    if (cp >= 0xC0 && cp <= 0xFF) {
        const char *ascii = am_latin1[cp - 0xC0];
        if (ascii != NULL) {
            return am_spell(ascii, out);
        }
        out[0] = cp;
        return 1;
    }
    if (cp >= 0x100 && cp <= 0x17F) {
        char base = am_latin_ext_a[cp - 0x100];
        if (base == '*') {
            return am_spell(cp < 0x140 ? "ij" : "oe", out);
        }
        out[0] = (unsigned char)base;
        return 1;
    }
    for (size_t i = 0; i < sizeof am_singles / sizeof am_singles[0]; i++) {
        if (am_singles[i].from == cp) {
            out[0] = am_singles[i].to;
            return 1;
        }
    }
    if (cp == 0x01FC || cp == 0x01FD) { /* Ǽ ǽ */
        return am_spell("ae", out);
    }
    if (cp == 0x1E9E) { /* capital sharp s */
        return am_spell("ss", out);
    }
    /* Vietnamese letters of Latin Extended Additional, by range. */
    if (cp >= 0x1EA0 && cp <= 0x1EF9) {
        out[0] = cp <= 0x1EB7   ? 'a'
                 : cp <= 0x1EC7 ? 'e'
                 : cp <= 0x1ECB ? 'i'
                 : cp <= 0x1EE3 ? 'o'
                 : cp <= 0x1EF1 ? 'u'
                                : 'y';
        return 1;
    }
    /* Greek capitals. */
    if (cp >= 0x0391 && cp <= 0x03A9 && cp != 0x03A2) {
        out[0] = cp + 0x20;
        return 1;
    }
    /* Cyrillic capitals. */
    if (cp >= 0x0400 && cp <= 0x040F) {
        out[0] = cp + 0x50;
        return 1;
    }
    if (cp >= 0x0410 && cp <= 0x042F) {
        out[0] = cp + 0x20;
        return 1;
    }
    if ((cp >= 0x0460 && cp <= 0x0481) || (cp >= 0x048A && cp <= 0x04BF) ||
        (cp >= 0x04D0 && cp <= 0x052F)) {
        out[0] = cp | 1u; /* capital even, small odd */
        return 1;
    }
    if (cp >= 0x04C1 && cp <= 0x04CE) {
        out[0] = (cp & 1u) ? cp + 1 : cp; /* capital odd, small even */
        return 1;
    }
    /* Arabic-Indic and Eastern Arabic-Indic digits. */
    if (cp >= 0x0660 && cp <= 0x0669) {
        out[0] = '0' + (cp - 0x0660);
        return 1;
    }
    if (cp >= 0x06F0 && cp <= 0x06F9) {
        out[0] = '0' + (cp - 0x06F0);
        return 1;
    }
    out[0] = cp;
    return 1;
}

/* ---- the normalised stream ---------------------------------------------- */

/* The next folded code point (spaces included), or AM_END. */
static int32_t am_next_folded(AnswerStream *s)
{
    while (s->fold_next >= s->fold_count) {
        if (s->p >= s->end) {
            return AM_END;
        }
        uint32_t cp = am_decode(&s->p, s->end);
        s->fold_count = answer_fold(cp, s->fold);
        s->fold_next = 0;
    }
    return (int32_t)s->fold[s->fold_next++];
}

enum {
    AM_ALEF = 0x0627,
    AM_LAM = 0x0644,
    AM_WAW = 0x0648,
};

/* An Arabic letter as the fold leaves it (marks deleted, digits ASCII). */
static bool am_is_arabic_letter(int32_t c)
{
    return (c >= 0x0620 && c <= 0x064A) || (c >= 0x066E && c <= 0x06D3) ||
           (c >= 0x06FA && c <= 0x06FF);
}

/* At the start of a word: skips the definite article "ال" when at least
 * two Arabic letters follow it in the word, and again while another
 * follows (after folding, الإلغاء is ال + الغاء and الالتزام is ال +
 * التزام, so both sides of a match come down to the same stem). After the
 * conjunction و the article goes and the و stays: it is owed as `prefix`.
 * Lookahead works on copies, so nothing is skipped unless it is dropped. */
static void am_skip_articles(AnswerStream *s)
{
    AnswerStream look = *s;
    bool waw = am_next_folded(&look) == AM_WAW;
    AnswerStream at = waw ? look : *s;
    bool dropped = false;
    for (;;) {
        AnswerStream after = at;
        if (am_next_folded(&after) != AM_ALEF || am_next_folded(&after) != AM_LAM) {
            break;
        }
        AnswerStream rest = after;
        if (!am_is_arabic_letter(am_next_folded(&rest)) ||
            !am_is_arabic_letter(am_next_folded(&rest))) {
            break;
        }
        at = after;
        dropped = true;
    }
    if (dropped) {
        *s = at;
        s->prefix = waw ? AM_WAW : AM_END;
    }
}

/* The next folded code point with Arabic articles dropped (see above). */
static int32_t am_next_word(AnswerStream *s)
{
    if (s->word_start) {
        s->word_start = false;
        am_skip_articles(s);
    }
    if (s->prefix != AM_END) {
        int32_t c = s->prefix;
        s->prefix = AM_END;
        return c;
    }
    int32_t c = am_next_folded(s);
    if (c == ' ') {
        s->word_start = true;
    }
    return c;
}

/* The next code point with white space collapsed and trimmed. */
int32_t answer_stream_next(AnswerStream *s)
{
    if (s->held != AM_END) {
        int32_t c = s->held;
        s->held = AM_END;
        return c;
    }
    for (;;) {
        int32_t c = am_next_word(s);
        if (c == AM_END) {
            return AM_END;
        }
        if (c == ' ') {
            s->space = s->emitted;
            continue;
        }
        s->emitted = true;
        if (s->space) {
            s->space = false;
            s->held = c;
            return ' ';
        }
        return c;
    }
}

/* Opens a stream over at most ANSWER_MAX_BYTES of text and skips a leading
 * "the " when something follows it. */
void answer_stream_open(AnswerStream *s, const char *text)
{
    if (text == NULL) {
        text = "";
    }
    size_t len = 0;
    while (len < ANSWER_MAX_BYTES && text[len] != '\0') {
        len++;
    }
    *s = (AnswerStream){.p = (const unsigned char *)text,
                        .end = (const unsigned char *)text + len,
                        .word_start = true,
                        .prefix = AM_END,
                        .held = AM_END};
    AnswerStream ahead = *s;
    static const int32_t the[4] = {'t', 'h', 'e', ' '};
    for (int i = 0; i < 4; i++) {
        if (answer_stream_next(&ahead) != the[i]) {
            return;
        }
    }
    AnswerStream rest = ahead;
    if (answer_stream_next(&rest) != AM_END) {
        *s = ahead; /* "the " consumed; the stream goes on after it */
    }
}

/* ---- answer_normalize ---------------------------------------------------- */

size_t answer_normalize(const char *text, char *out, size_t size)
{
    AnswerStream s;
    answer_stream_open(&s, text);
    size_t need = 0;
    bool cut = false;
    for (int32_t c = answer_stream_next(&s); c != AM_END; c = answer_stream_next(&s)) {
        char buf[4];
        size_t n = text_utf8_encode((uint32_t)c, buf);
        if (!cut && size > 0 && need + n < size) {
            for (size_t i = 0; i < n; i++) {
                out[need + i] = buf[i];
            }
        } else {
            cut = true;
            if (size > 0 && need < size) {
                out[need] = '\0';
            }
        }
        need += n;
    }
    if (!cut && size > 0) {
        out[need] = '\0';
    }
    return need;
}
