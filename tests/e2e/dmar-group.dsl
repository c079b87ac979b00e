/*
 * SPDX-License-Identifier: MIT OR GPL-2.0-or-later
 *
 * DMAR for the e2e VM (tests/e2e/run, layout "intelgroup"): QEMU 7.2's own
 * DMAR for -M q35 -device intel-iommu,intremap=on with one two-function
 * e1000 device at 00:03.0 and 00:03.1 (dmar-rmrr.dsl's table with 00:03.1
 * in place of 00:04.0), plus one RMRR over [0x30000000-0x300fffff] whose
 * device scope is both functions.  A multifunction device without ACS is one
 * IOMMU group: VFIO takes both functions or neither.  Same OEM ID and OEM
 * table ID as QEMU's and a higher OEM
 * revision, so the kernel's ACPI table upgrade (initrd
 * kernel/firmware/acpi/DMAR.aml) replaces QEMU's table with this one.
 * iasl fills in the table length and checksum.
 */
[0004]                    Signature : "DMAR"    [DMA Remapping table]
[0004]                 Table Length : 00000000
[0001]                     Revision : 01
[0001]                     Checksum : 00
[0006]                       Oem ID : "BOCHS "
[0008]                 Oem Table ID : "BXPC    "
[0004]                 Oem Revision : 00000002
[0004]              Asl Compiler ID : "BXPC"
[0004]        Asl Compiler Revision : 00000001

[0001]           Host Address Width : 26
[0001]                        Flags : 01
[0010]                     Reserved : 00 00 00 00 00 00 00 00 00 00

/* QEMU's DRHD: the IOMMU at 0xfed90000 and the devices it translates */
[0002]                Subtable Type : 0000 [Hardware Unit Definition]
[0002]                       Length : 0048

[0001]                        Flags : 00
[0001]                     Reserved : 00
[0002]           PCI Segment Number : 0000
[0008]        Register Base Address : 00000000FED90000

[0001]            Device Scope Type : 03 [IOAPIC Device]
[0001]                 Entry Length : 08
[0002]                     Reserved : 0000
[0001]               Enumeration ID : 00
[0001]               PCI Bus Number : FF
[0002]                     PCI Path : 00,00

[0001]            Device Scope Type : 01 [PCI Endpoint Device]
[0001]                 Entry Length : 08
[0002]                     Reserved : 0000
[0001]               Enumeration ID : 00
[0001]               PCI Bus Number : 00
[0002]                     PCI Path : 00,00

[0001]            Device Scope Type : 01 [PCI Endpoint Device]
[0001]                 Entry Length : 08
[0002]                     Reserved : 0000
[0001]               Enumeration ID : 00
[0001]               PCI Bus Number : 00
[0002]                     PCI Path : 03,00

[0001]            Device Scope Type : 01 [PCI Endpoint Device]
[0001]                 Entry Length : 08
[0002]                     Reserved : 0000
[0001]               Enumeration ID : 00
[0001]               PCI Bus Number : 00
[0002]                     PCI Path : 03,01

[0001]            Device Scope Type : 01 [PCI Endpoint Device]
[0001]                 Entry Length : 08
[0002]                     Reserved : 0000
[0001]               Enumeration ID : 00
[0001]               PCI Bus Number : 00
[0002]                     PCI Path : 1F,00

[0001]            Device Scope Type : 01 [PCI Endpoint Device]
[0001]                 Entry Length : 08
[0002]                     Reserved : 0000
[0001]               Enumeration ID : 00
[0001]               PCI Bus Number : 00
[0002]                     PCI Path : 1F,02

[0001]            Device Scope Type : 01 [PCI Endpoint Device]
[0001]                 Entry Length : 08
[0002]                     Reserved : 0000
[0001]               Enumeration ID : 00
[0001]               PCI Bus Number : 00
[0002]                     PCI Path : 1F,03

/* Ours: an RMRR over both functions, 00:03.0 and 00:03.1 */
[0002]                Subtable Type : 0001 [Reserved Memory Region]
[0002]                       Length : 0028

[0002]                     Reserved : 0000
[0002]           PCI Segment Number : 0000
[0008]                 Base Address : 0000000030000000
[0008]          End Address (limit) : 00000000300FFFFF

[0001]            Device Scope Type : 01 [PCI Endpoint Device]
[0001]                 Entry Length : 08
[0002]                     Reserved : 0000
[0001]               Enumeration ID : 00
[0001]               PCI Bus Number : 00
[0002]                     PCI Path : 03,00

[0001]            Device Scope Type : 01 [PCI Endpoint Device]
[0001]                 Entry Length : 08
[0002]                     Reserved : 0000
[0001]               Enumeration ID : 00
[0001]               PCI Bus Number : 00
[0002]                     PCI Path : 03,01
