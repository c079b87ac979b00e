/* SPDX-License-Identifier: MIT OR GPL-2.0-or-later */
/* Small helpers shared by every part of relax-check. */
#ifndef RELAX_UTIL_H
#define RELAX_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Exit statuses the issue fixes: scripts depend on them. */
enum { EXIT_CLEAR = 0, EXIT_BLOCKED = 1, EXIT_BAD_INPUT = 2, EXIT_NO_IOMMU = 3 };

/* Allocation that cannot return NULL: out of memory ends the program. */
void *xrealloc(void *p, size_t size);
void *xcalloc(size_t n, size_t size);
char *xstrdup(const char *s);

/* Append one element to a growing array *arr of *n elements of size size. */
void *array_push(void *arr_ptr, size_t *n, size_t size);

/*
 * Read a whole file (regular or sysfs/procfs) into a NUL-terminated
 * buffer.  Returns 0, or -errno; refuses files larger than max bytes
 * with -EFBIG.
 */
int read_file(const char *path, uint8_t **buf, size_t *len, size_t max);

/* First line of a small text file, trimmed; -errno when unreadable. */
int read_line(const char *path, char *out, size_t size);

/* Little-endian loads from a byte buffer the caller has bounds-checked. */
static inline uint16_t le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t le32(const uint8_t *p)
{
	return (uint32_t)le16(p) | (uint32_t)le16(p + 2) << 16;
}

static inline uint64_t le64(const uint8_t *p)
{
	return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

/* Trim trailing whitespace in place. */
void rtrim(char *s);

/* snprintf into a fixed buffer, truncating silently (for labels). */
void sfmt(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Append text to the string in buf, after sep unless buf is empty. */
void append(char *buf, size_t size, const char *sep, const char *text);

/* Write s as a JSON string literal, quotes included. */
void json_string(FILE *out, const char *s);

#endif
