/* XXH32 with seed 0 (xxhash.xxh32_intdigest), shared by the native kernels. */
#ifndef SYNDETECT_XXH32_H
#define SYNDETECT_XXH32_H

#include <stddef.h>
#include <stdint.h>

#define XXH_P1 0x9E3779B1U
#define XXH_P2 0x85EBCA77U
#define XXH_P3 0xC2B2AE3DU
#define XXH_P4 0x27D4EB2FU
#define XXH_P5 0x165667B1U

static inline uint32_t rotl32(uint32_t x, int r) { return (x << r) | (x >> (32 - r)); }

static inline uint32_t read32(const unsigned char *p) {
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static inline uint32_t xxh32(const unsigned char *p, size_t len) {
    const unsigned char *end = p + len;
    uint32_t h;
    if (len >= 16) {
        const unsigned char *limit = end - 16;
        uint32_t v1 = XXH_P1 + XXH_P2, v2 = XXH_P2, v3 = 0, v4 = (uint32_t)0 - XXH_P1;
        do {
            v1 = rotl32(v1 + read32(p) * XXH_P2, 13) * XXH_P1; p += 4;
            v2 = rotl32(v2 + read32(p) * XXH_P2, 13) * XXH_P1; p += 4;
            v3 = rotl32(v3 + read32(p) * XXH_P2, 13) * XXH_P1; p += 4;
            v4 = rotl32(v4 + read32(p) * XXH_P2, 13) * XXH_P1; p += 4;
        } while (p <= limit);
        h = rotl32(v1, 1) + rotl32(v2, 7) + rotl32(v3, 12) + rotl32(v4, 18);
    } else {
        h = XXH_P5;
    }
    h += (uint32_t)len;
    while (p + 4 <= end) {
        h = rotl32(h + read32(p) * XXH_P3, 17) * XXH_P4;
        p += 4;
    }
    while (p < end) {
        h = rotl32(h + (*p) * XXH_P5, 11) * XXH_P1;
        p++;
    }
    h ^= h >> 15; h *= XXH_P2; h ^= h >> 13; h *= XXH_P3; h ^= h >> 16;
    return h;
}

#endif
