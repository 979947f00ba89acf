/* Native kernel for indexer.terms.sentence_terms: `word_codes` gives each word its term id and
 * flags (a dict lookup per word on the Python side), then one pass over an article's UTF-8 bytes
 * finds its words, sentences, quotations and anchor words, where the numpy path takes ~30 array
 * calls of per-call overhead on arrays of a few hundred values.
 *
 * The rules are the numpy path's (tests compare both on fixtures and random text):
 * - a word is a run of the bytes [0-9A-Za-z_] and >= 0x80 (the caller folded every other non-ASCII
 *   character to a non-word byte), so word k here is `words[k]` of the caller's split;
 * - a sentence ends at a line break, or after . ! ? (and maybe one of " ' ) ]) when blanks
 *   [ \t]+ follow and then maybe one of " ' ( [ and a character [A-Z0-9]: the regex
 *   `terms._SENTENCE_END`; a sentence without words is left out;
 * - a word is quoted when an odd number of '"' stand before it since the last line break;
 * - an anchor is a quoted word, a numeric word, a capitalised word not first in its sentence,
 *   or a capitalised first word followed by a capitalised word; the capitalised content words
 *   that open a sentence and are none of these are returned as "unsure", for the caller to
 *   decide on the whole text.
 *
 * `top_terms` then reduces those terms to what the similarity profile keeps (the numpy path is in
 * `terms.top_terms`): the heaviest distinct terms and each sentence's first few anchors;
 * `figure_hashes` hashes the article's whole figures (`terms.figures`); `pair_scores` compares two
 * profiles' terms, anchors and figures (`similarity._numpy_pair_scores`); `unpack_profile` decodes a
 * stored profile (`SimilarityProfile.from_bytes`).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "_word_table.h"
#include "_xxh32.h"

static inline int is_word_byte(unsigned char b) {
    return b >= 0x80 || (b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || b == '_';
}

static inline int opens_name(unsigned char b) { return (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9'); }

/* After the . ! ? at `at`: where its gap starts and the next sentence starts, or 0 if no end. */
static int sentence_stop(const unsigned char *data, Py_ssize_t n, Py_ssize_t at, Py_ssize_t *gap, Py_ssize_t *next) {
    Py_ssize_t j = at + 1;
    if (j < n && (data[j] == '"' || data[j] == '\'' || data[j] == ')' || data[j] == ']')) j++;
    Py_ssize_t k = j;
    while (k < n && (data[k] == ' ' || data[k] == '\t')) k++;
    if (k == j || k >= n) return 0;
    unsigned char c = data[k];
    int opener = c == '"' || c == '\'' || c == '(' || c == '[';
    if (!(opens_name(c) || (opener && k + 1 < n && opens_name(data[k + 1])))) return 0;
    *gap = j;
    *next = k;
    return 1;
}

PyDoc_STRVAR(word_codes_doc,
"word_codes(data, stop_table, stop_flag, capitalised_flag, numeric_flag, term_mask, code_of) -> bytes:\n"
"the int64 code of each word of `data` (as `layout` finds words), `terms._word_code`'s arithmetic\n"
"for an ASCII word; a word with non-ASCII bytes is given to `code_of` (cached on the Python side).");

static PyObject *word_codes(PyObject *self, PyObject *args) {
    (void)self;
    Py_buffer text, table;
    long long stop_flag, capitalised_flag, numeric_flag, term_mask;
    PyObject *code_of, *result = NULL;
    if (!PyArg_ParseTuple(args, "y*y*LLLLO", &text, &table, &stop_flag, &capitalised_flag, &numeric_flag, &term_mask,
                          &code_of))
        return NULL;
    const unsigned char *data = text.buf;
    Py_ssize_t n = text.len, n_words = 0;
    int64_t *codes = PyMem_Malloc((n / 2 + 1) * sizeof(int64_t)); /* a word and a separator: 2 bytes */
    unsigned char *folded = PyMem_Malloc(n + 1);
    if (!codes || !folded) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n;) {
        if (!is_word_byte(data[i])) {
            i++;
            continue;
        }
        Py_ssize_t start = i;
        int ascii = 1, numeric = 0;
        for (; i < n && is_word_byte(data[i]); i++) {
            unsigned char b = data[i];
            ascii &= b < 0x80;
            numeric |= b >= '0' && b <= '9';
            folded[i - start] = (b >= 'A' && b <= 'Z') ? (unsigned char)(b + 32) : b;
        }
        Py_ssize_t len = i - start;
        int64_t code;
        if (!ascii) {
            PyObject *word = PyBytes_FromStringAndSize((const char *)data + start, len);
            PyObject *value = word ? PyObject_CallOneArg(code_of, word) : NULL;
            Py_XDECREF(word);
            code = value ? PyLong_AsLongLong(value) : -1;
            Py_XDECREF(value);
            if (code == -1 && PyErr_Occurred()) goto done;
        } else {
            /* terms.fold_term: casefold (lower case, for ASCII), fold the plural, drop stop words. */
            if (len > 4 && memcmp(folded + len - 3, "ies", 3) == 0) {
                len -= 2;
                folded[len - 1] = 'y';
            } else if (len > 3 && folded[len - 1] == 's' && folded[len - 2] != 's' && folded[len - 2] != 'u' &&
                       folded[len - 2] != 'i') {
                len -= 1;
            }
            uint32_t hash = xxh32(folded, (size_t)len);
            code = (len < 2 || in_word_table(&table, folded, len, hash)) ? stop_flag : (int64_t)(hash & term_mask);
            if (data[start] >= 'A' && data[start] <= 'Z') code |= capitalised_flag;
            if (numeric) code |= numeric_flag;
        }
        codes[n_words++] = code;
    }
    result = PyBytes_FromStringAndSize((const char *)codes, n_words * (Py_ssize_t)sizeof(int64_t));
done:
    PyMem_Free(codes);
    PyMem_Free(folded);
    PyBuffer_Release(&text);
    PyBuffer_Release(&table);
    return result;
}

PyDoc_STRVAR(layout_doc,
"layout(data, codes, stop_flag, capitalised_flag, numeric_flag, term_mask) -> (starts, ends, words,\n"
"term_ids, term_sentences, anchor, numeric, unsure_words, unsure_terms): sentence character spans\n"
"and word counts (int64), then per content word its term id (uint32), sentence (int64), anchor and\n"
"numeric flags (bytes of 0/1; anchor is a bytearray), and the unsure first words (their bytes, and\n"
"their term index).");

static PyObject *layout(PyObject *self, PyObject *args) {
    (void)self;
    Py_buffer text, codes_buffer;
    long long stop_flag, capitalised_flag, numeric_flag, term_mask;
    if (!PyArg_ParseTuple(args, "y*y*LLLL", &text, &codes_buffer, &stop_flag, &capitalised_flag, &numeric_flag,
                          &term_mask))
        return NULL;
    const unsigned char *data = text.buf;
    const int64_t *codes = codes_buffer.buf;
    Py_ssize_t n = text.len, n_words = codes_buffer.len / 8;
    PyObject *result = NULL;
    int64_t *starts = PyMem_Malloc((n_words + 1) * 8), *ends = PyMem_Malloc((n_words + 1) * 8);
    int64_t *counts = PyMem_Calloc(n_words + 1, 8), *sentence_of = PyMem_Malloc((n_words + 1) * 8);
    unsigned char *quoted = PyMem_Malloc(n_words + 1), *first = PyMem_Malloc(n_words + 1);
    Py_ssize_t *word_at = PyMem_Malloc((n_words + 1) * sizeof(Py_ssize_t));
    if (!starts || !ends || !counts || !sentence_of || !quoted || !first || !word_at) {
        PyErr_NoMemory();
        goto done;
    }
    /* Words and sentences, in one pass. Offsets are in characters: bytes minus the UTF-8
     * continuation bytes before them (the bytes at a sentence boundary are all ASCII). */
    Py_ssize_t words = 0, sentences = 0, continuation = 0, span_start = 0;
    int in_word = 0, span_has_words = 0, in_quote = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        unsigned char b = data[i];
        int word_byte = is_word_byte(b);
        if (word_byte && !in_word) {
            if (words == n_words) {
                PyErr_SetString(PyExc_ValueError, "the text has more words than codes");
                goto done;
            }
            first[words] = !span_has_words;
            if (!span_has_words) {
                starts[sentences++] = span_start;
                span_has_words = 1;
            }
            sentence_of[words] = sentences - 1;
            word_at[words] = i;
            quoted[words] = (unsigned char)in_quote;
            counts[sentences - 1]++;
            words++;
        }
        in_word = word_byte;
        if ((b & 0xC0) == 0x80) continuation++;
        Py_ssize_t gap, next;
        if (b == '"') {
            in_quote ^= 1;
        } else if (b == '\n' || ((b == '.' || b == '!' || b == '?') && sentence_stop(data, n, i, &gap, &next))) {
            if (b == '\n') {
                in_quote = 0;
                gap = i;
                next = i + 1;
            }
            if (span_has_words) ends[sentences - 1] = gap - continuation;
            span_start = next - continuation;
            span_has_words = 0;
        }
    }
    if (span_has_words) ends[sentences - 1] = n - continuation;
    if (words != n_words) {
        PyErr_SetString(PyExc_ValueError, "the text has fewer words than codes");
        goto done;
    }

    Py_ssize_t terms = 0;
    for (Py_ssize_t w = 0; w < n_words; w++) terms += (codes[w] & stop_flag) == 0;
    PyObject *term_ids = PyBytes_FromStringAndSize(NULL, terms * 4);
    PyObject *term_sentences = PyBytes_FromStringAndSize(NULL, terms * 8);
    PyObject *anchor = PyByteArray_FromStringAndSize(NULL, terms);
    PyObject *numeric = PyBytes_FromStringAndSize(NULL, terms);
    PyObject *unsure_words = PyList_New(0), *unsure_terms = PyList_New(0);
    if (!term_ids || !term_sentences || !anchor || !numeric || !unsure_words || !unsure_terms) goto fail;
    uint32_t *term_id = (uint32_t *)PyBytes_AS_STRING(term_ids);
    int64_t *term_sentence = (int64_t *)PyBytes_AS_STRING(term_sentences);
    char *is_anchor = PyByteArray_AS_STRING(anchor), *is_numeric = PyBytes_AS_STRING(numeric);
    Py_ssize_t t = 0;
    for (Py_ssize_t w = 0; w < n_words; w++) {
        int64_t code = codes[w];
        int capitalised = (code & capitalised_flag) != 0;
        int anchored = quoted[w] || (code & numeric_flag) != 0 || (capitalised && !first[w]);
        if (first[w] && capitalised && w + 1 < n_words && sentence_of[w + 1] == sentence_of[w])
            anchored |= (codes[w + 1] & capitalised_flag) != 0;
        if (code & stop_flag) continue;
        if (first[w] && capitalised && !anchored) {
            Py_ssize_t end = word_at[w];
            while (end < n && is_word_byte(data[end])) end++;
            PyObject *word = PyBytes_FromStringAndSize((const char *)data + word_at[w], end - word_at[w]);
            PyObject *term_index = PyLong_FromSsize_t(t);
            int failed = !word || !term_index || PyList_Append(unsure_words, word) < 0 ||
                         PyList_Append(unsure_terms, term_index) < 0;
            Py_XDECREF(word);
            Py_XDECREF(term_index);
            if (failed) goto fail;
        }
        term_id[t] = (uint32_t)(code & term_mask);
        term_sentence[t] = sentence_of[w];
        is_anchor[t] = (char)anchored;
        is_numeric[t] = (char)((code & numeric_flag) != 0);
        t++;
    }
    result = Py_BuildValue("(y#y#y#NNNNNN)", (char *)starts, sentences * 8, (char *)ends, sentences * 8,
                           (char *)counts, sentences * 8, term_ids, term_sentences, anchor, numeric, unsure_words,
                           unsure_terms);
    goto done;
fail:
    Py_XDECREF(term_ids);
    Py_XDECREF(term_sentences);
    Py_XDECREF(anchor);
    Py_XDECREF(numeric);
    Py_XDECREF(unsure_words);
    Py_XDECREF(unsure_terms);
done:
    PyMem_Free(starts);
    PyMem_Free(ends);
    PyMem_Free(counts);
    PyMem_Free(sentence_of);
    PyMem_Free(quoted);
    PyMem_Free(first);
    PyMem_Free(word_at);
    PyBuffer_Release(&text);
    PyBuffer_Release(&codes_buffer);
    return result;
}

/* Distinct terms of an article: id, count, and whether any occurrence is an anchor. */
typedef struct {
    uint32_t id;
    int64_t count;
    double weight;
} TermWeight;

static int compare_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static int compare_u16(const void *a, const void *b) {
    return (int)*(const uint16_t *)a - (int)*(const uint16_t *)b;
}

/* Heaviest first, ties by the lower id: numpy's lexsort((ids, -weights)). */
static int heavier_first(const void *a, const void *b) {
    const TermWeight *x = a, *y = b;
    if (x->weight != y->weight) return x->weight > y->weight ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

static int lower_id_first(const void *a, const void *b) {
    const TermWeight *x = a, *y = b;
    return (x->id > y->id) - (x->id < y->id);
}

PyDoc_STRVAR(top_terms_doc,
"top_terms(term_ids, term_sentences, anchor, top, anchor_boost, anchors_per_sentence, anchor_mask)\n"
"-> (ids, counts, anchors, anchor_sentences): the `top` heaviest distinct terms (weight = count,\n"
"times anchor_boost when an occurrence is an anchor; ties by the lower id), sorted by id (uint32)\n"
"with their counts capped at 255 (uint8); then per sentence its distinct anchor hashes (id &\n"
"anchor_mask, uint16), lowest first, at most anchors_per_sentence, and their sentences (int64).\n"
"term_sentences must be non-decreasing, as `layout` returns them.");

static PyObject *top_terms(PyObject *self, PyObject *args) {
    (void)self;
    Py_buffer ids_buffer, sentences_buffer, anchor_buffer;
    Py_ssize_t top, per_sentence;
    double boost;
    long long anchor_mask;
    if (!PyArg_ParseTuple(args, "y*y*y*ndnL", &ids_buffer, &sentences_buffer, &anchor_buffer, &top, &boost,
                          &per_sentence, &anchor_mask))
        return NULL;
    const uint32_t *ids = ids_buffer.buf;
    const int64_t *sentence = sentences_buffer.buf;
    const unsigned char *anchor = anchor_buffer.buf;
    Py_ssize_t n = ids_buffer.len / 4;
    PyObject *result = NULL;
    uint64_t *entries = PyMem_Malloc((n + 1) * sizeof(uint64_t));
    TermWeight *distinct_terms = PyMem_Malloc((n + 1) * sizeof(TermWeight));
    uint16_t *anchors = PyMem_Malloc((n + 1) * sizeof(uint16_t));
    int64_t *anchor_sentences = PyMem_Malloc((n + 1) * sizeof(int64_t));
    if (!entries || !distinct_terms || !anchors || !anchor_sentences) {
        PyErr_NoMemory();
        goto done;
    }
    if (sentences_buffer.len != n * 8 || anchor_buffer.len != n || top < 0 || per_sentence < 0) {
        PyErr_SetString(PyExc_ValueError, "term_ids, term_sentences and anchor differ in length");
        goto done;
    }
    /* (id, not an anchor) sorted: a term's first entry says whether it is an anchor anywhere. */
    for (Py_ssize_t t = 0; t < n; t++) entries[t] = ((uint64_t)ids[t] << 1) | (anchor[t] ? 0 : 1);
    qsort(entries, n, sizeof(uint64_t), compare_u64);
    Py_ssize_t m = 0;
    for (Py_ssize_t t = 0; t < n; t++) {
        uint32_t id = (uint32_t)(entries[t] >> 1);
        if (m && distinct_terms[m - 1].id == id) {
            distinct_terms[m - 1].count++;
            continue;
        }
        distinct_terms[m].id = id;
        distinct_terms[m].count = 1;
        distinct_terms[m].weight = (entries[t] & 1) ? 1.0 : boost;
        m++;
    }
    for (Py_ssize_t k = 0; k < m; k++) distinct_terms[k].weight *= (double)distinct_terms[k].count;
    Py_ssize_t kept = m;
    if (m > top) {
        qsort(distinct_terms, m, sizeof(TermWeight), heavier_first);
        kept = top;
        qsort(distinct_terms, kept, sizeof(TermWeight), lower_id_first);
    }
    /* Each sentence's anchors: sorted, distinct, the lowest `per_sentence`. */
    Py_ssize_t n_anchors = 0;
    for (Py_ssize_t start = 0, end; start < n; start = end) {
        end = start;
        Py_ssize_t found = 0;
        uint16_t *own = anchors + n_anchors;
        while (end < n && sentence[end] == sentence[start]) {
            if (anchor[end]) own[found++] = (uint16_t)(ids[end] & anchor_mask);
            end++;
        }
        qsort(own, found, sizeof(uint16_t), compare_u16);
        Py_ssize_t unique = 0;
        for (Py_ssize_t k = 0; k < found && unique < per_sentence; k++)
            if (!unique || own[k] != own[unique - 1]) own[unique++] = own[k];
        for (Py_ssize_t k = 0; k < unique; k++) anchor_sentences[n_anchors + k] = sentence[start];
        n_anchors += unique;
    }
    PyObject *kept_ids = PyBytes_FromStringAndSize(NULL, kept * 4);
    PyObject *kept_counts = PyBytes_FromStringAndSize(NULL, kept);
    if (!kept_ids || !kept_counts) {
        Py_XDECREF(kept_ids);
        Py_XDECREF(kept_counts);
        goto done;
    }
    uint32_t *id_out = (uint32_t *)PyBytes_AS_STRING(kept_ids);
    unsigned char *count_out = (unsigned char *)PyBytes_AS_STRING(kept_counts);
    for (Py_ssize_t k = 0; k < kept; k++) {
        id_out[k] = distinct_terms[k].id;
        count_out[k] = (unsigned char)(distinct_terms[k].count > 255 ? 255 : distinct_terms[k].count);
    }
    result = Py_BuildValue("(NNy#y#)", kept_ids, kept_counts, (char *)anchors, n_anchors * 2,
                           (char *)anchor_sentences, n_anchors * 8);
done:
    PyMem_Free(entries);
    PyMem_Free(distinct_terms);
    PyMem_Free(anchors);
    PyMem_Free(anchor_sentences);
    PyBuffer_Release(&ids_buffer);
    PyBuffer_Release(&sentences_buffer);
    PyBuffer_Release(&anchor_buffer);
    return result;
}

static inline int is_digit(unsigned char b) { return b >= '0' && b <= '9'; }

PyDoc_STRVAR(figure_hashes_doc,
"figure_hashes(data) -> bytes: the xxh32 (uint32) of each whole figure of `data`, in order: what\n"
"`terms._FIGURE.findall` finds in `data` once its commas are dropped (digits, joined by . / : when\n"
"a digit follows).");

static PyObject *figure_hashes(PyObject *self, PyObject *args) {
    (void)self;
    Py_buffer text;
    if (!PyArg_ParseTuple(args, "y*", &text)) return NULL;
    const unsigned char *data = text.buf;
    Py_ssize_t n = text.len, count = 0;
    PyObject *result = NULL;
    uint32_t *hashes = PyMem_Malloc((n / 2 + 1) * sizeof(uint32_t)); /* a figure and a separator */
    unsigned char *figure = PyMem_Malloc(n + 1);
    if (!hashes || !figure) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n;) {
        if (!is_digit(data[i])) {
            i++;
            continue;
        }
        Py_ssize_t len = 0;
        for (;;) { /* a run of digits (commas skipped), then maybe a separator and the next run */
            for (; i < n && (is_digit(data[i]) || data[i] == ','); i++)
                if (data[i] != ',') figure[len++] = data[i];
            if (i < n && (data[i] == '.' || data[i] == '/' || data[i] == ':')) {
                Py_ssize_t next = i + 1;
                while (next < n && data[next] == ',') next++;
                if (next < n && is_digit(data[next])) {
                    figure[len++] = data[i];
                    i = next;
                    continue;
                }
            }
            break;
        }
        hashes[count++] = xxh32(figure, (size_t)len);
    }
    result = PyBytes_FromStringAndSize((const char *)hashes, count * (Py_ssize_t)sizeof(uint32_t));
done:
    PyMem_Free(hashes);
    PyMem_Free(figure);
    PyBuffer_Release(&text);
    return result;
}

/* Sorted distinct copy of `n` uint16 values; returns how many. */
static Py_ssize_t distinct_u16(const uint16_t *values, Py_ssize_t n, uint16_t *out) {
    memcpy(out, values, n * sizeof(uint16_t));
    qsort(out, n, sizeof(uint16_t), compare_u16);
    Py_ssize_t kept = 0;
    for (Py_ssize_t k = 0; k < n; k++)
        if (!kept || out[k] != out[kept - 1]) out[kept++] = out[k];
    return kept;
}

static Py_ssize_t count_shared_u16(const uint16_t *a, Py_ssize_t na, const uint16_t *b, Py_ssize_t nb) {
    Py_ssize_t i = 0, j = 0, shared = 0;
    while (i < na && j < nb) {
        if (a[i] < b[j]) i++;
        else if (a[i] > b[j]) j++;
        else shared++, i++, j++;
    }
    return shared;
}

/* Position of `value` in the sorted `ids` (np.searchsorted, side left). */
static Py_ssize_t search_u32(const uint32_t *ids, Py_ssize_t n, uint32_t value) {
    Py_ssize_t low = 0, high = n;
    while (low < high) {
        Py_ssize_t mid = (low + high) / 2;
        if (ids[mid] < value) low = mid + 1;
        else high = mid;
    }
    return low;
}

/* `similarity._weighted_cosine`: the cosine of two sparse vectors over sorted ids, each value
 * scaled by its id's weight in `vocabulary`; `values` NULL for all ones. */
static double weighted_cosine(const uint32_t *ids_a, const double *values_a, Py_ssize_t na, const uint32_t *ids_b,
                              const double *values_b, Py_ssize_t nb, const uint32_t *vocabulary, Py_ssize_t n_vocabulary,
                              const double *weights) {
    if (!na || !nb) return 0.0;
    double aa = 0.0, bb = 0.0, ab = 0.0;
    for (Py_ssize_t i = 0; i < na; i++) {
        double v = (values_a ? values_a[i] : 1.0) * weights[search_u32(vocabulary, n_vocabulary, ids_a[i])];
        aa += v * v;
    }
    for (Py_ssize_t j = 0; j < nb; j++) {
        double v = (values_b ? values_b[j] : 1.0) * weights[search_u32(vocabulary, n_vocabulary, ids_b[j])];
        bb += v * v;
    }
    for (Py_ssize_t i = 0, j = 0; i < na && j < nb;) {
        if (ids_a[i] < ids_b[j]) i++;
        else if (ids_a[i] > ids_b[j]) j++;
        else {
            double w = weights[search_u32(vocabulary, n_vocabulary, ids_a[i])];
            ab += (values_a ? values_a[i] : 1.0) * w * ((values_b ? values_b[j] : 1.0) * w);
            i++, j++;
        }
    }
    double norms = sqrt(aa * bb);
    return norms ? ab / norms : 0.0;
}

PyDoc_STRVAR(pair_scores_doc,
"pair_scores(ids_a, values_a, ids_b, values_b, title_a, title_b, vocabulary, weights, anchors_a,\n"
"anchors_b, numbers_a, numbers_b, anchor_boost, anchor_mask, numbers_kept) -> (cosine, title, shared,\n"
"keys_a, keys_b, numbers): `similarity._numpy_pair_scores` in one call (see there).");

static PyObject *pair_scores(PyObject *self, PyObject *args) {
    (void)self;
    Py_buffer ids_a, values_a, ids_b, values_b, title_a, title_b, vocabulary, weights, anchors_a, anchors_b, numbers_a,
        numbers_b;
    double boost;
    long long mask;
    Py_ssize_t kept;
    if (!PyArg_ParseTuple(args, "y*y*y*y*y*y*y*y*y*y*y*y*dLn", &ids_a, &values_a, &ids_b, &values_b, &title_a, &title_b,
                          &vocabulary, &weights, &anchors_a, &anchors_b, &numbers_a, &numbers_b, &boost, &mask, &kept))
        return NULL;
    Py_buffer *buffers[] = {&ids_a, &values_a, &ids_b, &values_b, &title_a, &title_b,
                            &vocabulary, &weights, &anchors_a, &anchors_b, &numbers_a, &numbers_b};
    PyObject *result = NULL;
    Py_ssize_t na = ids_a.len / 4, nb = ids_b.len / 4, nv = vocabulary.len / 4;
    Py_ssize_t n_anchors_a = anchors_a.len / 2, n_anchors_b = anchors_b.len / 2;
    uint16_t *keys = PyMem_Malloc((n_anchors_a + n_anchors_b + 1) * sizeof(uint16_t));
    double *boosted = PyMem_Malloc((nv + 1) * sizeof(double));
    if (!keys || !boosted) {
        PyErr_NoMemory();
        goto done;
    }
    if (values_a.len != na * 8 || values_b.len != nb * 8 || weights.len != nv * 8) {
        PyErr_SetString(PyExc_ValueError, "ids and their values differ in length");
        goto done;
    }
    /* The distinct anchor hashes of each side; a term is boosted when its hash is one of either. */
    uint16_t *keys_a = keys, *keys_b;
    Py_ssize_t n_keys_a = distinct_u16(anchors_a.buf, n_anchors_a, keys_a);
    keys_b = keys_a + n_keys_a;
    Py_ssize_t n_keys_b = distinct_u16(anchors_b.buf, n_anchors_b, keys_b);
    Py_ssize_t shared = count_shared_u16(keys_a, n_keys_a, keys_b, n_keys_b);
    const uint32_t *vocab = vocabulary.buf;
    for (Py_ssize_t k = 0; k < nv; k++) {
        uint16_t hash = (uint16_t)(vocab[k] & mask);
        int anchor = bsearch(&hash, keys_a, n_keys_a, sizeof(uint16_t), compare_u16) ||
                     bsearch(&hash, keys_b, n_keys_b, sizeof(uint16_t), compare_u16);
        boosted[k] = ((const double *)weights.buf)[k] * (anchor ? boost : 1.0);
    }
    double cosine = weighted_cosine(ids_a.buf, values_a.buf, na, ids_b.buf, values_b.buf, nb, vocab, nv, boosted);
    Py_ssize_t nta = title_a.len / 4, ntb = title_b.len / 4;
    double title = (nta && ntb) ? weighted_cosine(title_a.buf, NULL, nta, title_b.buf, NULL, ntb, vocab, nv, boosted)
                                : Py_NAN;
    /* Figures: each side keeps its `kept` lowest hashes; compare below the lower of the bounds. */
    const uint16_t *fa = numbers_a.buf, *fb = numbers_b.buf;
    Py_ssize_t nfa = numbers_a.len / 2, nfb = numbers_b.len / 2;
    long bound_a = nfa >= kept && nfa ? fa[nfa - 1] : (long)mask, bound_b = nfb >= kept && nfb ? fb[nfb - 1] : (long)mask;
    long bound = bound_a < bound_b ? bound_a : bound_b;
    while (nfa && fa[nfa - 1] > bound) nfa--;
    while (nfb && fb[nfb - 1] > bound) nfb--;
    double numbers = (nfa && nfb) ? (double)count_shared_u16(fa, nfa, fb, nfb) / (double)(nfa < nfb ? nfa : nfb) : 1.0;
    result = Py_BuildValue("(ddnnnd)", cosine, title, shared, n_keys_a, n_keys_b, numbers);
done:
    PyMem_Free(keys);
    PyMem_Free(boosted);
    for (size_t k = 0; k < sizeof(buffers) / sizeof(buffers[0]); k++) PyBuffer_Release(buffers[k]);
    return result;
}

static inline uint16_t read_u16le(const unsigned char *p) { return (uint16_t)(p[0] | (p[1] << 8)); }

static inline uint32_t read_u24le(const unsigned char *p) {
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16);
}

PyDoc_STRVAR(unpack_profile_doc,
"unpack_profile(data) -> (words, term_ids, term_counts, title_ids, sentence_words, sentence_ends,\n"
"anchors, anchor_sentences, numbers): a stored similarity profile (`SimilarityProfile.to_bytes`,\n"
"version already checked) as the bytes of uint32, uint8, uint32, uint8, uint32, uint16, int64 and\n"
"uint16 arrays; None when the data's length is not what its header describes (the Python path\n"
"then says how).");

static PyObject *unpack_profile(PyObject *self, PyObject *args) {
    (void)self;
    Py_buffer buffer;
    if (!PyArg_ParseTuple(args, "y*", &buffer)) return NULL;
    const unsigned char *data = buffer.buf;
    Py_ssize_t n = buffer.len;
    PyObject *result = NULL;
    uint32_t *term_ids = NULL, *title_ids = NULL, *ends = NULL;
    uint16_t *anchors = NULL, *numbers = NULL;
    int64_t *anchor_sentences = NULL;
    if (n < 8) { /* the header: version, words, sentences, terms, title terms, numbers */
        result = Py_NewRef(Py_None);
        goto done;
    }
    Py_ssize_t words = read_u16le(data + 1), sentences = read_u16le(data + 3), terms = data[5], titles = data[6],
               figures = data[7];
    /* The sizes known before the anchor counts are read. */
    Py_ssize_t at_counts = 8 + 3 * terms, at_titles = at_counts + terms, at_words = at_titles + 3 * titles;
    Py_ssize_t at_deltas = at_words + sentences, at_per_sentence = at_deltas + 2 * sentences;
    Py_ssize_t at_anchors = at_per_sentence + sentences, n_anchors = 0;
    if (at_anchors <= n)
        for (Py_ssize_t k = 0; k < sentences; k++) n_anchors += data[at_per_sentence + k];
    Py_ssize_t at_numbers = at_anchors + 2 * n_anchors, size = at_numbers + 2 * figures;
    if (at_anchors > n || size != n) {
        result = Py_NewRef(Py_None);
        goto done;
    }
    term_ids = PyMem_Malloc((terms + 1) * 4);
    title_ids = PyMem_Malloc((titles + 1) * 4);
    ends = PyMem_Malloc((sentences + 1) * 4);
    anchors = PyMem_Malloc((n_anchors + 1) * 2);
    anchor_sentences = PyMem_Malloc((n_anchors + 1) * 8);
    numbers = PyMem_Malloc((figures + 1) * 2);
    if (!term_ids || !title_ids || !ends || !anchors || !anchor_sentences || !numbers) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t k = 0; k < terms; k++) term_ids[k] = read_u24le(data + 8 + 3 * k);
    for (Py_ssize_t k = 0; k < titles; k++) title_ids[k] = read_u24le(data + at_titles + 3 * k);
    uint32_t end = 0;
    for (Py_ssize_t k = 0; k < sentences; k++) ends[k] = end += read_u16le(data + at_deltas + 2 * k);
    for (Py_ssize_t k = 0, a = 0; k < sentences; k++)
        for (int j = 0; j < data[at_per_sentence + k]; j++, a++) {
            anchors[a] = read_u16le(data + at_anchors + 2 * a);
            anchor_sentences[a] = k;
        }
    for (Py_ssize_t k = 0; k < figures; k++) numbers[k] = read_u16le(data + at_numbers + 2 * k);
    result = Py_BuildValue("(ny#y#y#y#y#y#y#y#)", words, (char *)term_ids, terms * 4, (char *)(data + at_counts), terms,
                           (char *)title_ids, titles * 4, (char *)(data + at_words), sentences, (char *)ends,
                           sentences * 4, (char *)anchors, n_anchors * 2, (char *)anchor_sentences, n_anchors * 8,
                           (char *)numbers, figures * 2);
done:
    PyMem_Free(term_ids);
    PyMem_Free(title_ids);
    PyMem_Free(ends);
    PyMem_Free(anchors);
    PyMem_Free(anchor_sentences);
    PyMem_Free(numbers);
    PyBuffer_Release(&buffer);
    return result;
}

static PyMethodDef methods[] = {
    {"word_codes", word_codes, METH_VARARGS, word_codes_doc},
    {"layout", layout, METH_VARARGS, layout_doc},
    {"top_terms", top_terms, METH_VARARGS, top_terms_doc},
    {"figure_hashes", figure_hashes, METH_VARARGS, figure_hashes_doc},
    {"pair_scores", pair_scores, METH_VARARGS, pair_scores_doc},
    {"unpack_profile", unpack_profile, METH_VARARGS, unpack_profile_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "indexer._sentences", NULL, -1, methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__sentences(void) { return PyModule_Create(&module); }
