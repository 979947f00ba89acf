/* Native MinHash kernel for indexer.fingerprint: the same numbers as its numpy path, without
 * the per-call overhead numpy has on arrays of a few hundred values.
 *
 * For a token list: xxh32 of each token, word n-gram hashes combined as integers, the distinct
 * count, the affine32 MinHash signature (datasketch's scheme, after the MurmurHash3 finalizer),
 * optionally folded to 16 bits, and one LSH key per band. Every step is the arithmetic of the
 * numpy functions in fingerprint.py; tests check both paths give identical bytes.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#include "_xxh32.h"

static inline uint32_t fmix32(uint32_t h) {
    h ^= h >> 16; h *= 0x85EBCA6BU; h ^= h >> 13; h *= 0xC2B2AE35U; h ^= h >> 16;
    return h;
}

static inline uint64_t fmix64(uint64_t h) {
    h ^= h >> 33; h *= 0xFF51AFD7ED558CCDULL; h ^= h >> 33; h *= 0xC4CEB9FE1A85EC53ULL; h ^= h >> 33;
    return h;
}

/* The permutation and banding tables of one MinHasher, borrowed from its numpy arrays. */
typedef struct {
    Py_buffer a, b, row_multipliers, band_salts;
    Py_ssize_t perms, rows, bands;
} Scheme;

static void scheme_release(Scheme *s) {
    PyBuffer_Release(&s->a);
    PyBuffer_Release(&s->b);
    PyBuffer_Release(&s->row_multipliers);
    PyBuffer_Release(&s->band_salts);
}

static int scheme_check(Scheme *s) {
    s->perms = s->a.len / 4;
    s->rows = s->row_multipliers.len / 8;
    s->bands = s->band_salts.len / 8;
    if (s->a.len % 4 || s->b.len != s->a.len || s->rows == 0 || s->bands * s->rows > s->perms) {
        PyErr_SetString(PyExc_ValueError, "permutation tables of mismatched sizes");
        return -1;
    }
    return 0;
}

static inline void sign(uint32_t value, const Scheme *s, uint32_t *signature) {
    const uint32_t *a = s->a.buf, *b = s->b.buf;
    uint32_t mixed = fmix32(value);
    for (Py_ssize_t j = 0; j < s->perms; j++) {
        uint32_t permuted = mixed * a[j] + b[j];
        signature[j] = permuted < signature[j] ? permuted : signature[j];
    }
}

/* Signature bytes and band key bytes of a filled uint32 signature (`fold16` keeps 16 bits of each
 * value, and the keys are taken from those); -1 with an exception set if out of memory. */
static int finish(uint32_t *signature, const Scheme *s, int fold16, PyObject **packed_out, PyObject **keys_out) {
    const uint64_t *row_multipliers = s->row_multipliers.buf, *band_salts = s->band_salts.buf;
    PyObject *keys = PyBytes_FromStringAndSize(NULL, s->bands * 8);
    PyObject *packed = PyBytes_FromStringAndSize(NULL, s->perms * (fold16 ? 2 : 4));
    if (keys == NULL || packed == NULL) {
        Py_XDECREF(keys);
        Py_XDECREF(packed);
        return -1;
    }
    if (fold16) {
        uint16_t *out = (uint16_t *)PyBytes_AS_STRING(packed);
        for (Py_ssize_t j = 0; j < s->perms; j++) {
            signature[j] = (signature[j] ^ (signature[j] >> 16)) & 0xFFFFU;
            out[j] = (uint16_t)signature[j];
        }
    } else {
        memcpy(PyBytes_AS_STRING(packed), signature, s->perms * 4);
    }
    uint64_t *key = (uint64_t *)PyBytes_AS_STRING(keys);
    for (Py_ssize_t band = 0; band < s->bands; band++) {
        uint64_t combined = 0;
        for (Py_ssize_t row = 0; row < s->rows; row++)
            combined += (uint64_t)signature[band * s->rows + row] * row_multipliers[row];
        key[band] = fmix64(combined + band_salts[band]);
    }
    *packed_out = packed;
    *keys_out = keys;
    return 0;
}

/* Open-addressing set of uint32 shingle hashes; slot 0 means empty, so values are stored + 1. */
static int insert_new(uint64_t *table, size_t mask, uint32_t value) {
    size_t slot = fmix32(value) & mask;
    uint64_t stored = (uint64_t)value + 1;
    while (table[slot]) {
        if (table[slot] == stored) return 0;
        slot = (slot + 1) & mask;
    }
    table[slot] = stored;
    return 1;
}

PyDoc_STRVAR(shingles_doc,
"shingles(tokens, limit, size, positions, a, b, row_multipliers, band_salts, fold16)\n"
"-> (distinct shingles, signature bytes, band key bytes) of the word `size`-grams of the first\n"
"`limit` tokens (a text shorter than `size` is one shingle; no tokens: an all-max signature).");

static PyObject *shingles(PyObject *self, PyObject *args) {
    PyObject *tokens;
    Py_ssize_t limit, size;
    Py_buffer positions;
    Scheme s;
    int fold16;
    if (!PyArg_ParseTuple(args, "O!nny*y*y*y*y*p", &PyList_Type, &tokens, &limit, &size, &positions, &s.a, &s.b,
                          &s.row_multipliers, &s.band_salts, &fold16))
        return NULL;
    PyObject *result = NULL;
    uint64_t *hashes = NULL, *table = NULL;
    uint32_t *signature = NULL;
    if (scheme_check(&s) < 0) goto done;
    if (limit < 0) {
        PyErr_SetString(PyExc_ValueError, "limit must not be negative");
        goto done;
    }
    Py_ssize_t n = PyList_GET_SIZE(tokens);
    if (limit < n) n = limit;
    Py_ssize_t width = size < n ? size : n;
    if (size < 1 || positions.len / 8 < width) {
        PyErr_SetString(PyExc_ValueError, "one position multiplier per token of a shingle is needed");
        goto done;
    }
    signature = PyMem_Malloc(s.perms * sizeof(uint32_t));
    hashes = PyMem_Malloc((n ? n : 1) * sizeof(uint64_t));
    size_t capacity = 16;
    while (capacity < 2 * (size_t)n) capacity <<= 1;
    table = PyMem_Calloc(capacity, sizeof(uint64_t));
    if (signature == NULL || hashes == NULL || table == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    memset(signature, 0xFF, s.perms * sizeof(uint32_t));
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *token = PyList_GET_ITEM(tokens, i);
        if (!PyBytes_Check(token)) {
            PyErr_SetString(PyExc_TypeError, "tokens must be bytes");
            goto done;
        }
        hashes[i] = xxh32((const unsigned char *)PyBytes_AS_STRING(token), PyBytes_GET_SIZE(token));
    }
    const uint64_t *multipliers = positions.buf;
    Py_ssize_t distinct = 0;
    for (Py_ssize_t i = 0; n && i < n - width + 1; i++) {
        uint64_t combined = 0;
        for (Py_ssize_t offset = 0; offset < width; offset++) combined += hashes[i + offset] * multipliers[offset];
        uint32_t folded = (uint32_t)((combined >> 32) ^ (combined & 0xFFFFFFFFULL));
        if (insert_new(table, capacity - 1, folded)) {
            distinct++;
            sign(folded, &s, signature);
        }
    }
    PyObject *packed, *keys;
    if (finish(signature, &s, fold16, &packed, &keys) == 0) result = Py_BuildValue("(nNN)", distinct, packed, keys);
done:
    PyMem_Free(signature);
    PyMem_Free(hashes);
    PyMem_Free(table);
    PyBuffer_Release(&positions);
    scheme_release(&s);
    return result;
}

PyDoc_STRVAR(hashes_doc,
"hashes(values, a, b, row_multipliers, band_salts, fold16) -> (signature bytes, band key bytes)\n"
"of a set of uint32 feature hashes (an all-max signature for none).");

static PyObject *hashes(PyObject *self, PyObject *args) {
    Py_buffer values;
    Scheme s;
    int fold16;
    if (!PyArg_ParseTuple(args, "y*y*y*y*y*p", &values, &s.a, &s.b, &s.row_multipliers, &s.band_salts, &fold16))
        return NULL;
    PyObject *result = NULL;
    uint32_t *signature = NULL;
    if (scheme_check(&s) < 0) goto done;
    signature = PyMem_Malloc(s.perms * sizeof(uint32_t));
    if (signature == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    memset(signature, 0xFF, s.perms * sizeof(uint32_t));
    const uint32_t *value = values.buf;
    for (Py_ssize_t i = 0; i < values.len / 4; i++) sign(value[i], &s, signature);
    PyObject *packed, *keys;
    if (finish(signature, &s, fold16, &packed, &keys) == 0) result = Py_BuildValue("(NN)", packed, keys);
done:
    PyMem_Free(signature);
    PyBuffer_Release(&values);
    scheme_release(&s);
    return result;
}

static PyMethodDef methods[] = {
    {"shingles", shingles, METH_VARARGS, shingles_doc},
    {"hashes", hashes, METH_VARARGS, hashes_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "indexer._minhash", NULL, -1, methods};

PyMODINIT_FUNC PyInit__minhash(void) { return PyModule_Create(&module); }
