// SPDX-License-Identifier: MIT OR GPL-2.0-or-later
/* Small helpers shared by every part of relax-check. */
#define _GNU_SOURCE
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void *xrealloc(void *p, size_t size)
{
	p = realloc(p, size ? size : 1);
	if (!p) {
		fputs("relax-check: out of memory\n", stderr);
		exit(EXIT_BAD_INPUT);
	}
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p) {
		fputs("relax-check: out of memory\n", stderr);
		exit(EXIT_BAD_INPUT);
	}
	return p;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xrealloc(NULL, n), s, n);
}

void *array_push(void *arr_ptr, size_t *n, size_t size)
{
	void **arr = arr_ptr;
	char *elem;

	*arr = xrealloc(*arr, (*n + 1) * size);
	elem = (char *)*arr + *n * size;
	memset(elem, 0, size);
	(*n)++;
	return elem;
}

int read_file(const char *path, uint8_t **buf, size_t *len, size_t max)
{
	size_t used = 0, cap = 4096;
	uint8_t *data;
	int fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	data = xrealloc(NULL, cap + 1);
	for (;;) {
		ssize_t got;

		if (used == cap) {
			if (cap >= max) {
				close(fd);
				free(data);
				return -EFBIG;
			}
			cap = cap * 2 > max ? max : cap * 2;
			data = xrealloc(data, cap + 1);
		}
		got = read(fd, data + used, cap - used);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			err = -errno;
			close(fd);
			free(data);
			return err;
		}
		if (got == 0)
			break;
		used += (size_t)got;
	}
	close(fd);
	data[used] = '\0';
	*buf = data;
	*len = used;
	return 0;
}

int read_line(const char *path, char *out, size_t size)
{
	FILE *f = fopen(path, "re");

	if (!f)
		return -errno;
	if (!fgets(out, (int)size, f))
		out[0] = '\0';
	fclose(f);
	rtrim(out);
	return 0;
}

void rtrim(char *s)
{
	size_t n = strlen(s);

	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
}

void sfmt(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, size, fmt, ap);
	va_end(ap);
}

void json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", out);
		else if (c < 0x20 || c >= 0x7f) /* keeps the output valid JSON */
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

void append(char *buf, size_t size, const char *sep, const char *text)
{
	size_t used = strlen(buf);

	sfmt(buf + used, size - used, "%s%s", used ? sep : "", text);
}
