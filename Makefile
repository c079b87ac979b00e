# SPDX-License-Identifier: MIT OR GPL-2.0-or-later
#
# relax-iommu: the front door.  `make help` lists the targets.

SHELL := /bin/bash
.DEFAULT_GOAL := all

# Debian kernel lines we fetch, build and test; KUnit and the compile check
# run on all of them in `make test`, the VM proof on the oldest and newest.
LINES     := $(shell awk '!/^\#/ && NF { print $$1 }' scripts/debian-suites)
E2E_LINES := $(firstword $(LINES)) $(lastword $(LINES))
VENDOR    ?= both
PREFIX    ?= /usr/local

RELAX_CHECK_DIR := scripts/relax-check
HAVE_RELAX_CHECK := $(wildcard $(RELAX_CHECK_DIR)/Makefile)

need-ksrc = $(if $(KSRC),,$(error $@ needs KSRC=DIR, a Linux source tree; e.g. KSRC=$$(scripts/fetch-kernel-source 6.1)))

.PHONY: all help lines sources series apply unapply kunit compile-check e2e check test test-all install clean \
	kernel install-kernel verify export dkms deb-dkms e2e-module upstream upstream-test

all:
ifneq ($(HAVE_RELAX_CHECK),)
	@$(MAKE) --no-print-directory -C $(RELAX_CHECK_DIR)
endif

help:
	@echo "relax-iommu: pass through PCI devices whose firmware declares RMRR/IVMD identity maps"
	@echo
	@echo "  make                          build scripts/relax-check/relax-check"
	@echo "  make install [PREFIX=/usr/local]  install relax-check"
	@echo "  make kernel [KSRC=DIR|KVER=X.Y] [CONFIG=local|FILE] [SIGN=mok]"
	@echo "                                build this machine's distro kernel, patched, as .deb files in out/"
	@echo "  make install-kernel [TRIAL=1] [OPTION=...]  install it and make it the next boot (root)"
	@echo "  make verify                   after the reboot: is our kernel running, is the option active"
	@echo "  make dkms [RMRR=<dev>|UNITY=<dev>] [KVER=<release> KDIR=DIR] [DRY_RUN=1]"
	@echo "                                no rebuild: the relax_iommu module with DKMS, for 6.6+ (and AMD on older)"
	@echo "  make deb-dkms                 the same as a package: out/relax-iommu-dkms_<version>_all.deb (dh-dkms)"
	@echo "  make export KVER=X.Y [FLAVOUR=pve]  one combined patch, out/relax-X.Y.patch, for other packaging"
	@echo "  make lines                    list the Debian kernel lines make kernel and make sources fetch, with their suites"
	@echo "  make sources [KVER=X.Y]       fetch Debian's linux-source (all lines: $(LINES)) into ~/.cache/relax-iommu"
	@echo "  make series KSRC=DIR [V=1]    print the series folder for the tree in DIR (V=1 says why)"
	@echo "  make apply KSRC=DIR           dry-run, then apply that series (quilt if installed, else patch -p1)"
	@echo "  make unapply KSRC=DIR         take the series out again, restoring DIR exactly"
	@echo "  make kunit KSRC=DIR [ARCH=x86_64]  run the KUnit suite under UML (or QEMU x86_64, TCG) on DIR, patched"
	@echo "  make compile-check KSRC=DIR   x86_64 W=1 build of the touched files: IOMMUs on, stubs, IOMMUs off"
	@echo "  make e2e KSRC=DIR [VENDOR=intel|amd|both]  VM proof: stock refuses, patched + option passes through"
	@echo "  make e2e-module KSRC=DIR [DEBIAN=1]  the same for the relax_iommu module (DEBIAN=1: Debian's own kernel)"
	@echo "  make upstream [CHECK=1] [KSRC=DIR]  write upstream/v2 (the series for the IOMMU list) from upstream/src; CHECK=1: is it stale"
	@echo "  make upstream-test [KSRC=DIR] its checks: checkpatch --strict, kernel-doc, W=1 x86_64 and arm64, KUnit UML and x86_64"
	@echo "  make check                    fast: apply matrix, checkpatch, generated-patch staleness, script tests"
	@echo "  make test                     check + kunit and compile-check on $(LINES), e2e on $(E2E_LINES)"
	@echo "  make test-all                 test, plus e2e on every line, the real vendor patches (Unraid on 6.1, Proxmox on 6.12 and 7.3), make upstream-test and its VM proof"
	@echo "  make clean                    remove out/ and build products in the repository"

lines:
	@awk '!/^#/ && NF { printf "%-6s Debian %s (linux-source-%s)\n", $$1, $$2, $$1 }' scripts/debian-suites

sources:
	@for v in $(or $(KVER),$(LINES)); do scripts/fetch-kernel-source $$v || exit; done

series:
	$(need-ksrc)
	@source scripts/lib.sh && s=$$(RELAX_VERBOSE=$(if $(filter 1,$(V)),1,0) pick_series "$(KSRC)") && echo "$(CURDIR)/patches/$$s"

apply:
	$(need-ksrc)
	@scripts/apply-series "$(KSRC)"

unapply:
	$(need-ksrc)
	@scripts/apply-series --reverse "$(KSRC)"

kunit:
	$(need-ksrc)
	@scripts/run-kunit $(if $(ARCH),--arch "$(ARCH)") "$(KSRC)"

compile-check:
	$(need-ksrc)
	@scripts/compile-check "$(KSRC)"

e2e:
	$(need-ksrc)
	@tests/e2e/run --ksrc "$(KSRC)" --vendor "$(VENDOR)"

e2e-module:
	$(need-ksrc)
	@tests/e2e/run $(if $(filter 1,$(DEBIAN)),--debian-kernel,--module) --ksrc "$(KSRC)" --vendor "$(VENDOR)"

kernel:
	@scripts/build-kernel

install-kernel:
	@scripts/install-kernel

verify:
	@scripts/verify-kernel

dkms:
	@dkms/install

deb-dkms:
	@dkms/build-deb

export:
	@scripts/export-patch

check:
	@scripts/check

upstream:
	@scripts/upstream $(if $(filter 1,$(CHECK)),--check) $(KSRC)

upstream-test:
	@scripts/upstream-test $(KSRC)

# The module's VM proofs: make test on the newest line (the module kernel,
# all cases; Debian's own binary kernel, stock and scoped: refused, then
# passed through), make test-all on every line (Debian's binary kernel, all
# cases, in a chroot of the release that ships the line: 6.1, 6.12, 7.3).
test:
	@RELAX_MODULE_E2E="$(lastword $(LINES))" RELAX_DEBIAN_E2E="$(lastword $(LINES))" RELAX_DEBIAN_CASES=stock,scoped \
		scripts/test-all $(E2E_LINES)

test-all:
	@RELAX_PVE=1 RELAX_UPSTREAM=1 RELAX_E2E_EXTRA="$(lastword $(LINES))" RELAX_MODULE_E2E="$(LINES)" RELAX_DEBIAN_E2E="6.1 6.12 $(lastword $(LINES))" scripts/test-all $(LINES)

install: all
ifneq ($(HAVE_RELAX_CHECK),)
	@$(MAKE) --no-print-directory -C $(RELAX_CHECK_DIR) install PREFIX=$(PREFIX)
endif

clean:
	rm -rf out
ifneq ($(HAVE_RELAX_CHECK),)
	@$(MAKE) --no-print-directory -C $(RELAX_CHECK_DIR) clean
endif
