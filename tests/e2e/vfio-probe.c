// SPDX-License-Identifier: MIT OR GPL-2.0-or-later
/*
 * vfio-probe: /init of the e2e VM.  Tries to give PCI devices to VFIO the
 * way a VMM does, and reports every step on the console as "E2E ..." lines
 * for tests/e2e/run to check.
 *
 *   /init [insmod=PATH [modopt=PARAMS]]... [dev=DDDD:BB:DD.F]... [iova=HEX]
 *         [size=HEX] [rmmod=NAME]... [dump]
 *
 * (arguments after "--" on the kernel command line).  First each insmod=
 * loads a module (finit_module(2)) with the modopt= that follows it, if
 * any: "E2E insmod path=P params=S result=ok|fail [errno=E] [ns=N]".  For each dev=:
 *   bind to vfio-pci (driver_override + drivers_probe), find its group and
 *   print the group's reserved_regions;
 *   legacy: open /dev/vfio/vfio and /dev/vfio/<group>, VFIO_GROUP_SET_CONTAINER,
 *   VFIO_SET_IOMMU(type1v2), the usable IOVA ranges, VFIO_IOMMU_MAP_DMA of
 *   size bytes at iova (a guest's RAM, over the firmware region), the device
 *   fd, VFIO_IOMMU_UNMAP_DMA;
 *   iommufd (where /dev/iommu and the device cdev exist): BIND_IOMMUFD,
 *   IOMMU_IOAS_ALLOC, ATTACH_IOMMUFD_PT, IOMMU_IOAS_IOVA_RANGES,
 *   IOMMU_IOAS_MAP at the same iova, IOMMU_IOAS_UNMAP.
 * Then each rmmod= unloads a module (delete_module(2), O_NONBLOCK):
 * "E2E rmmod name=N result=ok|fail [errno=E]".
 * Then the firmware tables the kernel sees (DMAR RMRRs / IVRS IVMDs), the
 * taint, and the whole kernel log ("E2E kmsg <text>"), and powers off.
 * "dump" prints the DMAR and IVRS tables in hex instead.
 *
 * Line formats (fields are space-separated key=value):
 *   E2E step dev=D api=sysfs|group|iommufd name=S result=ok|fail|skip [errno=E] ns=N
 *   E2E resv dev=D <start> <end> <type>
 *   E2E iova dev=D api=A <start>-<last>
 *   E2E acpi ...   E2E taint value=N fw_workaround=0|1   E2E begin boot_ns=N
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/klog.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <linux/vfio.h>

/* iommufd and the VFIO device cdev (6.6+); the build host's headers may be older. */
#define E2E_IOMMUFD_TYPE ';'
struct e2e_bind_iommufd {
	uint32_t argsz, flags;
	int32_t iommufd;
	uint32_t out_devid;
};
struct e2e_attach_pt {
	uint32_t argsz, flags, pt_id;
};
struct e2e_ioas_alloc {
	uint32_t size, flags, out_ioas_id;
};
struct e2e_iova_range {
	uint64_t start, last;
};
struct e2e_ioas_iova_ranges {
	uint32_t size, ioas_id, num_iovas, reserved;
	uint64_t allowed_iovas, out_iova_alignment;
};
struct e2e_ioas_map {
	uint32_t size, flags, ioas_id, reserved;
	uint64_t user_va, length, iova;
};
struct e2e_ioas_unmap {
	uint32_t size, ioas_id;
	uint64_t iova, length;
};
#define E2E_VFIO_DEVICE_BIND_IOMMUFD _IO(VFIO_TYPE, VFIO_BASE + 18)
#define E2E_VFIO_DEVICE_ATTACH_IOMMUFD_PT _IO(VFIO_TYPE, VFIO_BASE + 19)
#define E2E_IOMMU_IOAS_ALLOC _IO(E2E_IOMMUFD_TYPE, 0x81)
#define E2E_IOMMU_IOAS_IOVA_RANGES _IO(E2E_IOMMUFD_TYPE, 0x84)
#define E2E_IOMMU_IOAS_MAP _IO(E2E_IOMMUFD_TYPE, 0x85)
#define E2E_IOMMU_IOAS_UNMAP _IO(E2E_IOMMUFD_TYPE, 0x86)
#define E2E_IOAS_MAP_FIXED_IOVA 1
#define E2E_IOAS_MAP_WRITEABLE 2
#define E2E_IOAS_MAP_READABLE 4

static uint64_t map_iova = 0;
static uint64_t map_size = 1ULL << 30;	/* a 1 GiB guest's RAM at IOVA 0 */
static void *map_buf;

static void out(const char *fmt, ...)
{
	char line[4096];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (n > (int)sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	/* One write per line, so that lines are never torn. */
	if (write(1, line, n) < 0)
		return;
}

static uint64_t now_ns(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return (uint64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* --- steps: each is reported once; after a failure the rest are skipped */

struct run {
	const char *dev, *api;
	int failed;		/* a step failed: the rest are skipped */
	uint64_t t0;
};

static void step_begin(struct run *r)
{
	r->t0 = now_ns(CLOCK_MONOTONIC);
}

/* Report a step; rc < 0 means it failed with errno. */
static int step_end(struct run *r, const char *name, int rc, const char *extra)
{
	int err = errno;
	uint64_t dt = now_ns(CLOCK_MONOTONIC) - r->t0;

	if (rc < 0) {
		out("E2E step dev=%s api=%s name=%s result=fail errno=%s ns=%llu%s%s",
		    r->dev, r->api, name, strerrorname_np(err) ? strerrorname_np(err) : "?",
		    (unsigned long long)dt, extra ? " " : "", extra ? extra : "");
		r->failed = 1;
		errno = err;
		return -1;
	}
	out("E2E step dev=%s api=%s name=%s result=ok ns=%llu%s%s", r->dev, r->api,
	    name, (unsigned long long)dt, extra ? " " : "", extra ? extra : "");
	return 0;
}

static int step_skip(struct run *r, const char *name)
{
	out("E2E step dev=%s api=%s name=%s result=skip", r->dev, r->api, name);
	return -1;
}

#define STEP(r, name, expr, extra)                                  \
	((r)->failed ? step_skip((r), (name)) :                     \
	 (step_begin(r), step_end((r), (name), (expr), (extra))))

/* --- sysfs */

static int write_file(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY), rc;

	if (fd < 0)
		return -1;
	rc = write(fd, val, strlen(val)) == (ssize_t)strlen(val) ? 0 : -1;
	close(fd);
	return rc;
}

static ssize_t read_file(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY);
	ssize_t n, total = 0;

	if (fd < 0)
		return -1;
	while (total < (ssize_t)len - 1 && (n = read(fd, buf + total, len - 1 - total)) > 0)
		total += n;
	close(fd);
	buf[total] = '\0';
	return total;
}

/* The last path component of a sysfs link, e.g. the driver's name. */
static int link_name(const char *path, char *name, size_t len)
{
	char target[PATH_MAX];
	ssize_t n = readlink(path, target, sizeof(target) - 1);
	const char *slash;

	if (n < 0)
		return -1;
	target[n] = '\0';
	slash = strrchr(target, '/');
	snprintf(name, len, "%.*s", (int)len - 1, slash ? slash + 1 : target);
	return 0;
}

static int bind_vfio(const char *dev)
{
	char path[256], drv[64];

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s", dev);
	if (access(path, F_OK) < 0)
		return -1;
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/driver", dev);
	if (link_name(path, drv, sizeof(drv)) == 0) {
		if (!strcmp(drv, "vfio-pci"))
			return 0;
		snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/driver/unbind", dev);
		if (write_file(path, dev) < 0)
			return -1;
	}
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/driver_override", dev);
	if (write_file(path, "vfio-pci") < 0)
		return -1;
	/* drivers_probe fails with the probe's error; the link says what happened. */
	if (write_file("/sys/bus/pci/drivers_probe", dev) < 0 && errno != ENODEV)
		return -1;
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/driver", dev);
	if (link_name(path, drv, sizeof(drv)) < 0 || strcmp(drv, "vfio-pci")) {
		errno = ENODEV;
		return -1;
	}
	return 0;
}

static int group_of(const char *dev)
{
	char path[256], name[64];

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/iommu_group", dev);
	if (link_name(path, name, sizeof(name)) < 0)
		return -1;
	return atoi(name);
}

static void print_resv(const char *dev, int group)
{
	char path[256], buf[4096], *line, *save;

	snprintf(path, sizeof(path), "/sys/kernel/iommu_groups/%d/reserved_regions", group);
	if (read_file(path, buf, sizeof(buf)) < 0) {
		out("E2E resv dev=%s unreadable errno=%s", dev, strerrorname_np(errno));
		return;
	}
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		out("E2E resv dev=%s %s", dev, line);
}

/* --- the legacy path: group, type1 container */

static int legacy_iova_ranges(struct run *r, int container)
{
	char buf[4096];
	struct vfio_iommu_type1_info *info = (void *)buf;
	struct vfio_info_cap_header *hdr;
	uint32_t off;

	memset(buf, 0, sizeof(buf));
	info->argsz = sizeof(buf);
	if (ioctl(container, VFIO_IOMMU_GET_INFO, info) < 0)
		return -1;
	if (!(info->flags & VFIO_IOMMU_INFO_CAPS) || !info->cap_offset)
		return 0;
	for (off = info->cap_offset; off && off < sizeof(buf); off = hdr->next) {
		hdr = (void *)(buf + off);
		if (hdr->id == VFIO_IOMMU_TYPE1_INFO_CAP_IOVA_RANGE) {
			struct vfio_iommu_type1_info_cap_iova_range *c = (void *)hdr;
			uint32_t i;

			for (i = 0; i < c->nr_iovas; i++)
				out("E2E iova dev=%s api=%s 0x%llx-0x%llx", r->dev, r->api,
				    (unsigned long long)c->iova_ranges[i].start,
				    (unsigned long long)c->iova_ranges[i].end);
		}
	}
	return 0;
}

static void run_legacy(const char *dev, int group)
{
	struct run r = { .dev = dev, .api = "group" };
	struct vfio_group_status status = { .argsz = sizeof(status) };
	struct vfio_iommu_type1_dma_map map = { .argsz = sizeof(map) };
	struct vfio_iommu_type1_dma_unmap unmap = { .argsz = sizeof(unmap) };
	int container = -1, gfd = -1, devfd = -1, rc;
	char path[64], extra[96];

	STEP(&r, "open_container", container = open("/dev/vfio/vfio", O_RDWR), NULL);
	STEP(&r, "check_type1v2",
	     (rc = ioctl(container, VFIO_CHECK_EXTENSION, VFIO_TYPE1v2_IOMMU)) == 1 ? 0 :
	     (errno = rc < 0 ? errno : ENOTSUP, -1), NULL);
	snprintf(path, sizeof(path), "/dev/vfio/%d", group);
	STEP(&r, "open_group", gfd = open(path, O_RDWR), NULL);
	STEP(&r, "group_viable",
	     ioctl(gfd, VFIO_GROUP_GET_STATUS, &status) < 0 ? -1 :
	     (status.flags & VFIO_GROUP_FLAGS_VIABLE) ? 0 : (errno = EBUSY, -1), NULL);
	STEP(&r, "set_container", ioctl(gfd, VFIO_GROUP_SET_CONTAINER, &container), NULL);
	STEP(&r, "set_iommu", ioctl(container, VFIO_SET_IOMMU, VFIO_TYPE1v2_IOMMU), NULL);
	STEP(&r, "iova_ranges", legacy_iova_ranges(&r, container), NULL);
	map.vaddr = (uintptr_t)map_buf;
	map.iova = map_iova;
	map.size = map_size;
	map.flags = VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE;
	snprintf(extra, sizeof(extra), "iova=0x%llx size=0x%llx",
		 (unsigned long long)map_iova, (unsigned long long)map_size);
	STEP(&r, "map_dma", ioctl(container, VFIO_IOMMU_MAP_DMA, &map), extra);
	STEP(&r, "device_fd", devfd = ioctl(gfd, VFIO_GROUP_GET_DEVICE_FD, dev), NULL);
	unmap.iova = map_iova;
	unmap.size = map_size;
	STEP(&r, "unmap_dma", ioctl(container, VFIO_IOMMU_UNMAP_DMA, &unmap), NULL);
	if (devfd >= 0)
		close(devfd);
	if (gfd >= 0)
		close(gfd);
	if (container >= 0)
		close(container);
}

/* --- the iommufd path: device cdev, IOAS */

static int cdev_of(const char *dev, char *path, size_t len)
{
	char dir[256];
	struct dirent *de;
	DIR *d;

	snprintf(dir, sizeof(dir), "/sys/bus/pci/devices/%s/vfio-dev", dev);
	d = opendir(dir);
	if (!d)
		return -1;
	while ((de = readdir(d)))
		if (!strncmp(de->d_name, "vfio", 4)) {
			snprintf(path, len, "/dev/vfio/devices/%.64s", de->d_name);
			closedir(d);
			return 0;
		}
	closedir(d);
	errno = ENOENT;
	return -1;
}

static int iommufd_iova_ranges(struct run *r, int iommufd, uint32_t ioas)
{
	struct e2e_iova_range ranges[16];
	struct e2e_ioas_iova_ranges q = {
		.size = sizeof(q), .ioas_id = ioas, .num_iovas = 16,
		.allowed_iovas = (uintptr_t)ranges,
	};
	uint32_t i;

	if (ioctl(iommufd, E2E_IOMMU_IOAS_IOVA_RANGES, &q) < 0)
		return -1;
	for (i = 0; i < q.num_iovas && i < 16; i++)
		out("E2E iova dev=%s api=%s 0x%llx-0x%llx", r->dev, r->api,
		    (unsigned long long)ranges[i].start, (unsigned long long)ranges[i].last);
	return 0;
}

static void run_iommufd(const char *dev)
{
	struct run r = { .dev = dev, .api = "iommufd" };
	struct e2e_bind_iommufd bind = { .argsz = sizeof(bind) };
	struct e2e_attach_pt attach = { .argsz = sizeof(attach) };
	struct e2e_ioas_alloc alloc = { .size = sizeof(alloc) };
	struct e2e_ioas_map map = { .size = sizeof(map) };
	struct e2e_ioas_unmap unmap = { .size = sizeof(unmap) };
	int iommufd = -1, devfd = -1;
	char cdev[128], extra[96];

	if (access("/dev/iommu", F_OK) < 0 || cdev_of(dev, cdev, sizeof(cdev)) < 0) {
		out("E2E iommufd dev=%s absent (no /dev/iommu or no VFIO device cdev in this kernel)", dev);
		return;
	}
	STEP(&r, "open_iommufd", iommufd = open("/dev/iommu", O_RDWR), NULL);
	STEP(&r, "open_cdev", devfd = open(cdev, O_RDWR), NULL);
	bind.iommufd = iommufd;
	STEP(&r, "bind_iommufd", ioctl(devfd, E2E_VFIO_DEVICE_BIND_IOMMUFD, &bind), NULL);
	STEP(&r, "ioas_alloc", ioctl(iommufd, E2E_IOMMU_IOAS_ALLOC, &alloc), NULL);
	attach.pt_id = alloc.out_ioas_id;
	STEP(&r, "attach_pt", ioctl(devfd, E2E_VFIO_DEVICE_ATTACH_IOMMUFD_PT, &attach), NULL);
	STEP(&r, "iova_ranges", iommufd_iova_ranges(&r, iommufd, alloc.out_ioas_id), NULL);
	map.flags = E2E_IOAS_MAP_FIXED_IOVA | E2E_IOAS_MAP_READABLE | E2E_IOAS_MAP_WRITEABLE;
	map.ioas_id = alloc.out_ioas_id;
	map.user_va = (uintptr_t)map_buf;
	map.length = map_size;
	map.iova = map_iova;
	snprintf(extra, sizeof(extra), "iova=0x%llx size=0x%llx",
		 (unsigned long long)map_iova, (unsigned long long)map_size);
	STEP(&r, "map_dma", ioctl(iommufd, E2E_IOMMU_IOAS_MAP, &map), extra);
	unmap.ioas_id = alloc.out_ioas_id;
	unmap.iova = map_iova;
	unmap.length = map_size;
	STEP(&r, "unmap_dma", ioctl(iommufd, E2E_IOMMU_IOAS_UNMAP, &unmap), NULL);
	if (devfd >= 0)
		close(devfd);
	if (iommufd >= 0)
		close(iommufd);
}

static void run_device(const char *dev)
{
	struct run r = { .dev = dev, .api = "sysfs" };
	char extra[32];
	int group = -1;

	STEP(&r, "bind_vfio_pci", bind_vfio(dev), NULL);
	if (!r.failed) {
		step_begin(&r);
		group = group_of(dev);
		snprintf(extra, sizeof(extra), "group=%d", group);
		step_end(&r, "iommu_group", group, extra);
	} else {
		step_skip(&r, "iommu_group");
	}
	if (r.failed)
		return;
	print_resv(dev, group);
	run_legacy(dev, group);
	run_iommufd(dev);
}

/* --- firmware tables as the kernel sees them (after the initrd upgrade) */

static ssize_t read_table(const char *sig, unsigned char *buf, size_t len)
{
	char path[64];
	ssize_t n, total = 0;
	int fd;

	snprintf(path, sizeof(path), "/sys/firmware/acpi/tables/%s", sig);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	while (total < (ssize_t)len && (n = read(fd, buf + total, len - total)) > 0)
		total += n;
	close(fd);
	return total;
}

static uint64_t le(const unsigned char *p, int n)
{
	uint64_t v = 0;

	while (n--)
		v = v << 8 | p[n];
	return v;
}

static void print_header(const char *sig, const unsigned char *t, ssize_t len)
{
	out("E2E acpi %s len=%zd rev=%u oem=\"%.6s\" table=\"%.8s\" oemrev=0x%x", sig, len,
	    t[8], t + 10, t + 16, (unsigned)le(t + 24, 4));
}

static void describe_dmar(void)
{
	unsigned char t[8192];
	ssize_t len = read_table("DMAR", t, sizeof(t)), off;

	if (len < 48)
		return;
	print_header("DMAR", t, len);
	for (off = 48; off + 4 <= len;) {
		unsigned type = le(t + off, 2), l = le(t + off + 2, 2);
		ssize_t s;

		if (l < 4 || off + l > len)
			break;
		if (type == 0)
			out("E2E acpi DMAR DRHD base=0x%llx flags=0x%x",
			    (unsigned long long)le(t + off + 8, 8), t[off + 4]);
		if (type == 1) {
			char scope[256] = "";

			for (s = off + 24; s + 6 <= off + l && t[s + 1] >= 6; s += t[s + 1])
				snprintf(scope + strlen(scope), sizeof(scope) - strlen(scope),
					 " scope=type%u:%02x:%02x.%x", t[s], t[s + 5],
					 t[s + 6] & 0xff, t[s + 7]);
			out("E2E acpi DMAR RMRR [mem 0x%llx-0x%llx]%s",
			    (unsigned long long)le(t + off + 8, 8),
			    (unsigned long long)le(t + off + 16, 8), scope);
		}
		off += l;
	}
}

static void describe_ivrs(void)
{
	unsigned char t[8192];
	ssize_t len = read_table("IVRS", t, sizeof(t)), off;

	if (len < 48)
		return;
	print_header("IVRS", t, len);
	for (off = 48; off + 4 <= len;) {
		unsigned type = t[off], l = le(t + off + 2, 2);

		if (l < 4 || off + l > len)
			break;
		if (type == 0x10 || type == 0x11 || type == 0x40)
			out("E2E acpi IVRS IVHD type=0x%x devid=0x%04x base=0x%llx",
			    type, (unsigned)le(t + off + 4, 2),
			    (unsigned long long)le(t + off + 8, 8));
		else if (type >= 0x20 && type <= 0x22)
			out("E2E acpi IVRS IVMD type=0x%x flags=0x%x devid=0x%04x aux=0x%04x [mem 0x%llx-0x%llx]",
			    type, t[off + 1], (unsigned)le(t + off + 4, 2),
			    (unsigned)le(t + off + 6, 2),
			    (unsigned long long)le(t + off + 16, 8),
			    (unsigned long long)(le(t + off + 16, 8) + le(t + off + 24, 8) - 1));
		off += l;
	}
}

static void dump_table(const char *sig)
{
	unsigned char t[8192];
	ssize_t len = read_table(sig, t, sizeof(t)), i;
	char line[128];

	if (len < 0) {
		out("E2E dump %s absent", sig);
		return;
	}
	for (i = 0; i < len; i += 16) {
		ssize_t j, n = 0;

		for (j = i; j < i + 16 && j < len; j++)
			n += snprintf(line + n, sizeof(line) - n, " %02x", t[j]);
		out("E2E dump %s %04zx:%s", sig, i, line);
	}
}

/* --- the kernel log, whole, one line per record */

static void print_kmsg(void)
{
	char rec[8192];
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	ssize_t n;

	if (fd < 0) {
		out("E2E kmsg-unavailable errno=%s", strerrorname_np(errno));
		return;
	}
	for (;;) {
		char *text, *nl;

		n = read(fd, rec, sizeof(rec) - 1);
		if (n < 0 && errno == EPIPE)
			continue;	/* overwritten records */
		if (n <= 0)
			break;
		rec[n] = '\0';
		text = strchr(rec, ';');
		if (!text)
			continue;
		text++;
		nl = strchr(text, '\n');	/* dictionary lines follow */
		if (nl)
			*nl = '\0';
		out("E2E kmsg %s", text);
	}
	close(fd);
}

static void print_taint(void)
{
	char buf[64];
	unsigned long v;

	if (read_file("/proc/sys/kernel/tainted", buf, sizeof(buf)) < 0) {
		out("E2E taint unreadable errno=%s", strerrorname_np(errno));
		return;
	}
	v = strtoul(buf, NULL, 10);
	/* TAINT_FIRMWARE_WORKAROUND is bit 11 */
	out("E2E taint value=%lu fw_workaround=%lu", v, (v >> 11) & 1);
}

/* Load a module as modprobe would, without modprobe. */
static void insmod(const char *path, const char *params)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	uint64_t t0 = now_ns(CLOCK_MONOTONIC);

	if (fd < 0 || syscall(SYS_finit_module, fd, params, 0)) {
		out("E2E insmod path=%s params=%s result=fail errno=%s", path,
		    params[0] ? params : "-", strerrorname_np(errno));
	} else {
		out("E2E insmod path=%s params=%s result=ok ns=%llu", path,
		    params[0] ? params : "-",
		    (unsigned long long)(now_ns(CLOCK_MONOTONIC) - t0));
	}
	if (fd >= 0)
		close(fd);
}

static void rmmod(const char *name)
{
	if (syscall(SYS_delete_module, name, O_NONBLOCK))
		out("E2E rmmod name=%s result=fail errno=%s", name,
		    strerrorname_np(errno));
	else
		out("E2E rmmod name=%s result=ok", name);
}

static void setup(void)
{
	struct rlimit unlimited = { RLIM_INFINITY, RLIM_INFINITY };

	mkdir("/proc", 0755);
	mkdir("/sys", 0755);
	mkdir("/dev", 0755);
	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	setrlimit(RLIMIT_MEMLOCK, &unlimited);
	/* Only our lines on the console from now on; the log comes at the end. */
	klogctl(8, NULL, 1);
}

int main(int argc, char **argv)
{
	uint64_t boot_ns = now_ns(CLOCK_BOOTTIME);
	const char *devs[8], *mods[8], *modopts[8], *rmmods[8];
	int ndev = 0, nmod = 0, nrmmod = 0, dump = 0, i;
	char cmdline[4096];

	setup();
	for (i = 1; i < argc; i++) {
		if (!strncmp(argv[i], "dev=", 4) && ndev < 8)
			devs[ndev++] = argv[i] + 4;
		else if (!strncmp(argv[i], "iova=", 5))
			map_iova = strtoull(argv[i] + 5, NULL, 16);
		else if (!strncmp(argv[i], "size=", 5))
			map_size = strtoull(argv[i] + 5, NULL, 16);
		else if (!strcmp(argv[i], "dump"))
			dump = 1;
		else if (!strncmp(argv[i], "insmod=", 7) && nmod < 8) {
			modopts[nmod] = "";
			mods[nmod++] = argv[i] + 7;
		} else if (!strncmp(argv[i], "modopt=", 7) && nmod > 0)
			modopts[nmod - 1] = argv[i] + 7;
		else if (!strncmp(argv[i], "rmmod=", 6) && nrmmod < 8)
			rmmods[nrmmod++] = argv[i] + 6;
	}
	out("E2E begin boot_ns=%llu", (unsigned long long)boot_ns);
	if (read_file("/proc/cmdline", cmdline, sizeof(cmdline)) > 0) {
		cmdline[strcspn(cmdline, "\n")] = '\0';
		out("E2E cmdline %s", cmdline);
	}
	if (read_file("/proc/version", cmdline, sizeof(cmdline)) > 0) {
		cmdline[strcspn(cmdline, "\n")] = '\0';
		out("E2E version %s", cmdline);
	}
	for (i = 0; i < nmod; i++)
		insmod(mods[i], modopts[i]);
	if (dump) {
		dump_table("DMAR");
		dump_table("IVRS");
	} else {
		describe_dmar();
		describe_ivrs();
		map_buf = mmap(NULL, map_size, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (map_buf == MAP_FAILED) {
			out("E2E error mmap size=0x%llx errno=%s", (unsigned long long)map_size,
			    strerrorname_np(errno));
			map_buf = NULL;
		}
		for (i = 0; i < ndev; i++)
			run_device(devs[i]);
	}
	for (i = 0; i < nrmmod; i++)
		rmmod(rmmods[i]);
	print_taint();
	print_kmsg();
	out("E2E end");
	sync();
	reboot(RB_POWER_OFF);
	reboot(RB_AUTOBOOT);
	for (;;)
		pause();
}
