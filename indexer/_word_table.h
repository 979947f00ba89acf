/* Lookup in a set of short ASCII words laid out by `indexer.text.word_table`: open addressing
 * over slots of WORD_TABLE_SLOT bytes (the word, NUL-padded), probed from xxh32(word) % slots on. */
#ifndef SYNDETECT_WORD_TABLE_H
#define SYNDETECT_WORD_TABLE_H

#include <Python.h>
#include <stdint.h>
#include <string.h>

#define WORD_TABLE_SLOT 16

/* Whether `word` (`len` bytes, its xxh32 `hash`) is in `table`. */
static int in_word_table(const Py_buffer *table, const unsigned char *word, Py_ssize_t len, uint32_t hash) {
    Py_ssize_t slots = table->len / WORD_TABLE_SLOT;
    if (len >= WORD_TABLE_SLOT || slots == 0) return 0;
    for (Py_ssize_t probe = 0; probe < slots; probe++) {
        const unsigned char *slot = (const unsigned char *)table->buf + ((hash + probe) % slots) * WORD_TABLE_SLOT;
        if (!slot[0]) return 0;
        if (slot[len] == 0 && memcmp(slot, word, len) == 0) return 1;
    }
    return 0;
}

#endif
