/* Native kernel for indexer.terms.sentence_terms: one pass over an article's UTF-8 bytes that
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
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

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

PyDoc_STRVAR(layout_doc,
"layout(data, codes, stop_flag, capitalised_flag, numeric_flag, term_mask) -> (starts, ends, words,\n"
"term_ids, term_sentences, anchor, numeric, unsure_words, unsure_terms): sentence character spans\n"
"and word counts (int64), then per content word its term id (uint32), sentence (int64), anchor and\n"
"numeric flags (bytes of 0/1; anchor is a bytearray), and the unsure first words (word and term index).");

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
    if (!starts || !ends || !counts || !sentence_of || !quoted || !first) {
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
            PyObject *word_index = PyLong_FromSsize_t(w), *term_index = PyLong_FromSsize_t(t);
            int failed = !word_index || !term_index || PyList_Append(unsure_words, word_index) < 0 ||
                         PyList_Append(unsure_terms, term_index) < 0;
            Py_XDECREF(word_index);
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
    PyBuffer_Release(&text);
    PyBuffer_Release(&codes_buffer);
    return result;
}

static PyMethodDef methods[] = {
    {"layout", layout, METH_VARARGS, layout_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "indexer._sentences", NULL, -1, methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__sentences(void) { return PyModule_Create(&module); }
