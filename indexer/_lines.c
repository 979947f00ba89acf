/* Native kernel for indexer.clean.lines.line_features on an ASCII line head: the counts its
 * Python path takes from ~10 passes (split, translate, maps over words), in one pass over the
 * bytes. Non-ASCII heads keep the Python path; tests compare both on random ASCII text.
 *
 * The rules are the Python path's:
 * - tokens are runs of non-whitespace, whitespace being what str.isspace says of ASCII
 *   (\t \n \v \f \r, \x1c-\x1f and the space);
 * - `low` is the tokens lower-cased, "`" turned into "'", joined by single spaces (`normalize`);
 * - words are runs of [a-z0-9_] in `low` (`lines.word_tokens`); the counts are over the words
 *   that are not all digits.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#include "_word_table.h"
#include "_xxh32.h"

static inline int is_space(unsigned char b) { return b == ' ' || (b >= '\t' && b <= '\r') || (b >= 0x1c && b <= 0x1f); }

static inline int is_word(unsigned char b) {
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_';
}

static inline int is_alpha(unsigned char b) { return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z'); }

PyDoc_STRVAR(ascii_shape_doc,
"ascii_shape(head, stop_table, short_max_chars) -> (low, tokens, low_words, words, stop, short,\n"
"alpha_initials, capitalised, separators): of an ASCII line head, its normalised form, its token\n"
"count, the words of `low`, and of those not all digits: how many, how many in `stop_table`, how\n"
"many of at most `short_max_chars` characters; then how many tokens open with a letter, with a\n"
"capital, and how many are a lone | / or -.");

static PyObject *ascii_shape(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *head;
    Py_buffer table;
    Py_ssize_t short_max;
    if (!PyArg_ParseTuple(args, "Uy*n", &head, &table, &short_max)) return NULL;
    PyObject *result = NULL, *words = NULL;
    char *low = NULL;
    if (!PyUnicode_IS_ASCII(head)) {
        PyErr_SetString(PyExc_ValueError, "ascii_shape takes an ASCII head");
        goto done;
    }
    const unsigned char *data = PyUnicode_1BYTE_DATA(head);
    Py_ssize_t n = PyUnicode_GET_LENGTH(head);
    low = PyMem_Malloc(n + 1);
    words = PyList_New(0);
    if (!low || !words) {
        if (!low) PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t low_len = 0, tokens = 0, alpha_initials = 0, capitalised = 0, separators = 0;
    for (Py_ssize_t i = 0; i < n;) {
        if (is_space(data[i])) {
            i++;
            continue;
        }
        Py_ssize_t start = i;
        if (tokens++) low[low_len++] = ' ';
        for (; i < n && !is_space(data[i]); i++) {
            unsigned char b = data[i];
            low[low_len++] = (char)(b == '`' ? '\'' : (b >= 'A' && b <= 'Z') ? b + 32 : b);
        }
        unsigned char first = data[start];
        alpha_initials += is_alpha(first);
        capitalised += first >= 'A' && first <= 'Z';
        separators += i - start == 1 && (first == '|' || first == '/' || first == '-');
    }
    Py_ssize_t counted = 0, stop = 0, short_words = 0;
    for (Py_ssize_t i = 0; i < low_len;) {
        if (!is_word((unsigned char)low[i])) {
            i++;
            continue;
        }
        Py_ssize_t start = i;
        int digits = 1;
        for (; i < low_len && is_word((unsigned char)low[i]); i++) digits &= low[i] >= '0' && low[i] <= '9';
        Py_ssize_t len = i - start;
        const unsigned char *word = (const unsigned char *)low + start;
        PyObject *text = PyUnicode_FromKindAndData(PyUnicode_1BYTE_KIND, word, len);
        int failed = !text || PyList_Append(words, text) < 0;
        Py_XDECREF(text);
        if (failed) goto done;
        if (digits) continue;
        counted++;
        short_words += len <= short_max;
        if (len < WORD_TABLE_SLOT) stop += in_word_table(&table, word, len, xxh32(word, (size_t)len));
    }
    result = Py_BuildValue("(s#nOnnnnnn)", low, low_len, tokens, words, counted, stop, short_words, alpha_initials,
                           capitalised, separators);
done:
    Py_XDECREF(words);
    PyMem_Free(low);
    PyBuffer_Release(&table);
    return result;
}

static PyMethodDef methods[] = {
    {"ascii_shape", ascii_shape, METH_VARARGS, ascii_shape_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "indexer._lines", NULL, -1, methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__lines(void) { return PyModule_Create(&module); }
