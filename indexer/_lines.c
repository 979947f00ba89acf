/* Native kernels for indexer.clean.lines: `shape`, the counts `line_features` takes in its Python
 * path from ~10 passes (split, translate, maps over words) in one pass over the code points of a
 * line head; `contains_any`, the substring gate of the phrase rules.
 * Tests compare both paths on random text.
 *
 * The rules are the Python path's, with the same Unicode tables (Py_UNICODE_IS*):
 * - tokens are runs of non-whitespace (str.split); a token counts as opening with a letter or a
 *   capital by its first character (str.isalpha, str.isupper), as a separator when it is one of
 *   the given characters alone;
 * - `low` is `text.normalize(head)`: given by the caller, or for an ASCII head built here (the
 *   tokens lower-cased, "`" turned into "'", joined by single spaces);
 * - words are runs of \w (alphanumeric or "_", as `re` has it) in `low`; the counts are over the
 *   words that are not all digits (str.isdigit), stop words being looked up in a word table.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#include "_word_table.h"
#include "_xxh32.h"

/* `normalize` of an ASCII head: lower case, "`" as "'", tokens joined by single spaces. */
static PyObject *ascii_low(PyObject *head) {
    const Py_UCS1 *data = PyUnicode_1BYTE_DATA(head);
    Py_ssize_t n = PyUnicode_GET_LENGTH(head), len = 0;
    PyObject *low = PyUnicode_New(n, 127);
    if (!low) return NULL;
    Py_UCS1 *out = PyUnicode_1BYTE_DATA(low);
    for (Py_ssize_t i = 0; i < n;) {
        if (Py_UNICODE_ISSPACE(data[i])) {
            i++;
            continue;
        }
        if (len) out[len++] = ' ';
        for (; i < n && !Py_UNICODE_ISSPACE(data[i]); i++) {
            Py_UCS1 c = data[i];
            out[len++] = c == '`' ? '\'' : (c >= 'A' && c <= 'Z') ? c + 32 : c;
        }
    }
    PyObject *trimmed = PyUnicode_Substring(low, 0, len);
    Py_DECREF(low);
    return trimmed;
}

PyDoc_STRVAR(shape_doc,
"shape(head, low, separators, stop_table, short_max_chars) -> (low, tokens, low_words, words, stop,\n"
"short, alpha_initials, capitalised, separators): of a line head and its normalised form `low`\n"
"(None for an ASCII head: built here), the token count, the words of `low`, and of those not all\n"
"digits: how many, how many in `stop_table`, how many of at most `short_max_chars` characters;\n"
"then how many tokens open with a letter, with a capital, and how many are one of `separators`.");

static PyObject *shape(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *head, *given_low, *separators;
    Py_buffer table;
    Py_ssize_t short_max;
    if (!PyArg_ParseTuple(args, "UOUy*n", &head, &given_low, &separators, &table, &short_max)) return NULL;
    PyObject *result = NULL, *low = NULL, *words = NULL;
    if (given_low == Py_None) {
        if (!PyUnicode_IS_ASCII(head)) {
            PyErr_SetString(PyExc_ValueError, "shape builds `low` of an ASCII head only");
            goto done;
        }
        low = ascii_low(head);
    } else if (PyUnicode_Check(given_low)) {
        low = Py_NewRef(given_low);
    } else {
        PyErr_SetString(PyExc_TypeError, "low must be a str or None");
    }
    words = PyList_New(0);
    if (!low || !words) goto done;

    int kind = PyUnicode_KIND(head);
    const void *data = PyUnicode_DATA(head);
    Py_ssize_t n = PyUnicode_GET_LENGTH(head);
    Py_ssize_t tokens = 0, alpha_initials = 0, capitalised = 0, separator_tokens = 0;
    for (Py_ssize_t i = 0; i < n;) {
        Py_UCS4 first = PyUnicode_READ(kind, data, i);
        if (Py_UNICODE_ISSPACE(first)) {
            i++;
            continue;
        }
        Py_ssize_t start = i;
        while (i < n && !Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) i++;
        tokens++;
        alpha_initials += Py_UNICODE_ISALPHA(first) != 0;
        capitalised += Py_UNICODE_ISALPHA(first) && Py_UNICODE_ISUPPER(first);
        if (i - start == 1 && PyUnicode_FindChar(separators, first, 0, PyUnicode_GET_LENGTH(separators), 1) >= 0)
            separator_tokens++;
    }

    kind = PyUnicode_KIND(low);
    data = PyUnicode_DATA(low);
    n = PyUnicode_GET_LENGTH(low);
    Py_ssize_t counted = 0, stop = 0, short_words = 0;
    unsigned char ascii_word[WORD_TABLE_SLOT];
    for (Py_ssize_t i = 0; i < n;) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (!(Py_UNICODE_ISALNUM(c) || c == '_')) {
            i++;
            continue;
        }
        Py_ssize_t start = i;
        int digits = 1, ascii = 1;
        for (; i < n; i++) {
            c = PyUnicode_READ(kind, data, i);
            if (!(Py_UNICODE_ISALNUM(c) || c == '_')) break;
            digits &= Py_UNICODE_ISDIGIT(c) != 0;
            ascii &= c < 128;
            if (i - start < WORD_TABLE_SLOT) ascii_word[i - start] = (unsigned char)c;
        }
        Py_ssize_t len = i - start;
        PyObject *word = PyUnicode_Substring(low, start, i);
        int failed = !word || PyList_Append(words, word) < 0;
        Py_XDECREF(word);
        if (failed) goto done;
        if (digits) continue;
        counted++;
        short_words += len <= short_max;
        if (ascii && len < WORD_TABLE_SLOT)
            stop += in_word_table(&table, ascii_word, len, xxh32(ascii_word, (size_t)len));
    }
    result = Py_BuildValue("(OnOnnnnnn)", low, tokens, words, counted, stop, short_words, alpha_initials, capitalised,
                           separator_tokens);
done:
    Py_XDECREF(low);
    Py_XDECREF(words);
    PyBuffer_Release(&table);
    return result;
}

PyDoc_STRVAR(contains_any_doc,
"contains_any(text, index, needles) -> bool | None: whether any of `needles` (UTF-8 bytes, at least two\n"
"each, sorted by first byte) occurs in `text`. `index` is 8192 bytes of bitmap over the needles' first\n"
"two bytes, then for each first byte the uint16 start and count of its needles. None when `text` has\n"
"no UTF-8 form (a lone surrogate): the caller asks its regex then.");

/* The phrase rules' substring gate: a regex over ~90 alternatives tries them at every position of
 * a line; here a position costs a bitmap probe, and only the rare hits compare whole needles. */
static PyObject *contains_any(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *text, *needles;
    Py_buffer index;
    if (!PyArg_ParseTuple(args, "Uy*O!", &text, &index, &PyTuple_Type, &needles)) return NULL;
    PyObject *result = NULL;
    if (index.len != 8192 + 256 * 4) {
        PyErr_SetString(PyExc_ValueError, "index must hold the pair bitmap and 256 buckets");
        goto done;
    }
    Py_ssize_t n;
    const char *bytes = PyUnicode_AsUTF8AndSize(text, &n);
    if (!bytes) {
        PyErr_Clear();
        result = Py_NewRef(Py_None);
        goto done;
    }
    const uint8_t *bitmap = index.buf, *buckets = (const uint8_t *)index.buf + 8192;
    const uint8_t *s = (const uint8_t *)bytes;
    Py_ssize_t n_needles = PyTuple_GET_SIZE(needles);
    int found = 0;
    for (Py_ssize_t i = 0; i + 1 < n && !found; i++) {
        unsigned pair = (unsigned)s[i] << 8 | s[i + 1];
        if (!(bitmap[pair >> 3] & (1u << (pair & 7)))) continue;
        const uint8_t *bucket = buckets + 4 * s[i];
        Py_ssize_t start = bucket[0] | bucket[1] << 8, count = bucket[2] | bucket[3] << 8;
        for (Py_ssize_t k = start; k < start + count && k < n_needles; k++) {
            PyObject *needle = PyTuple_GET_ITEM(needles, k);
            if (!PyBytes_Check(needle)) {
                PyErr_SetString(PyExc_TypeError, "needles must be bytes");
                goto done;
            }
            Py_ssize_t len = PyBytes_GET_SIZE(needle);
            if (len <= n - i && memcmp(PyBytes_AS_STRING(needle), s + i, (size_t)len) == 0) {
                found = 1;
                break;
            }
        }
    }
    result = PyBool_FromLong(found);
done:
    PyBuffer_Release(&index);
    return result;
}

static PyMethodDef methods[] = {
    {"shape", shape, METH_VARARGS, shape_doc},
    {"contains_any", contains_any, METH_VARARGS, contains_any_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "indexer._lines", NULL, -1, methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__lines(void) { return PyModule_Create(&module); }
