/*
 * SPDX-License-Identifier: MIT OR GPL-2.0-or-later
 *
 * IVRS for the e2e VM (tests/e2e/run, layout "amd21"): QEMU 7.2's own IVRS
 * for -M q35 -device amd-iommu with e1000e NICs at 00:03.0 and 00:04.0
 * (dumped from a guest's /sys/firmware/acpi/tables/IVRS), plus one IVMD
 * unity range over [0x30000000-0x300fffff] (flags: unity, read, write) of
 * type 0x21: the one device 00:03.0 (devid 0x0018).
 * Same OEM ID and OEM table ID as QEMU's and a higher OEM revision, so the
 * kernel's ACPI table upgrade (initrd kernel/firmware/acpi/IVRS.aml)
 * replaces QEMU's table with this one.  iasl fills in length and checksum.
 */
[0004]                    Signature : "IVRS"    [I/O Virtualization Reporting Structure]
[0004]                 Table Length : 00000000
[0001]                     Revision : 01
[0001]                     Checksum : 00
[0006]                       Oem ID : "BOCHS "
[0008]                 Oem Table ID : "BXPC    "
[0004]                 Oem Revision : 00000002
[0004]              Asl Compiler ID : "BXPC"
[0004]        Asl Compiler Revision : 00000001

[0004]          Virtualization Info : 00002800
[0008]                     Reserved : 0000000000000000

/* QEMU's IVHD: the IOMMU (devid 0x0008) at 0xfed80000 and its devices */
[0001]                Subtable Type : 10 [Hardware Definition Block]
[0001]                        Flags : D1
[0002]                       Length : 003C
[0002]                     DeviceId : 0008

[0002]            Capability Offset : 0040
[0008]                 Base Address : 00000000FED80000
[0002]            PCI Segment Group : 0000
[0002]          Virtualization Info : 0000
[0004]            Feature Reporting : 00000044

[0001]                   Entry Type : 02
[0002]                    Device ID : 0000
[0001]                 Data Setting : 00

[0001]                   Entry Type : 02
[0002]                    Device ID : 0008
[0001]                 Data Setting : 00

[0001]                   Entry Type : 02
[0002]                    Device ID : 0018
[0001]                 Data Setting : 00

[0001]                   Entry Type : 02
[0002]                    Device ID : 0020
[0001]                 Data Setting : 00

[0001]                   Entry Type : 02
[0002]                    Device ID : 00F8
[0001]                 Data Setting : 00

[0001]                   Entry Type : 02
[0002]                    Device ID : 00FA
[0001]                 Data Setting : 00

[0001]                   Entry Type : 02
[0002]                    Device ID : 00FB
[0001]                 Data Setting : 00

[0001]                   Entry Type : 48
[0002]                    Device ID : 0000
[0001]                 Data Setting : 00
[0001]                       Handle : 00
[0002]        Source Used Device ID : 00A0
[0001]                      Variety : 01

/* Ours: the IVMD */
[0001]                Subtable Type : 21 [Memory Definition Block]
[0001]                        Flags : 07
[0002]                       Length : 0020
[0002]                     DeviceId : 0018

[0002]               Auxiliary Data : 0000
[0008]                     Reserved : 0000000000000000
[0008]                Start Address : 0000000030000000
[0008]                Memory Length : 0000000000100000
