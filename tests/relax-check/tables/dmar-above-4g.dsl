/*
 * SPDX-License-Identifier: MIT OR GPL-2.0-or-later
 *
 * Synthetic DMAR with RMRRs above 4 GiB, which firmware of large servers
 * declares: a parser that keeps base or limit in 32 bits reports them at
 * the wrong place (the iasl -d comparison catches it).  Compiled with iasl
 * by the test runner.
 *
 * RMRR 0: seg 0 [1_0000_0000-1_000f_ffff] endpoint 00:03.0
 * RMRR 1: seg 0 [ffff_f000-1_0000_0fff]   endpoint 00:04.0 (crosses 4 GiB)
 */
[0004]                          Signature : "DMAR"
[0004]                       Table Length : 00000000
[0001]                           Revision : 01
[0001]                           Checksum : 00
[0006]                             Oem ID : "RELAX "
[0008]                       Oem Table ID : "ABOVE4G "
[0004]                       Oem Revision : 00000001
[0004]                    Asl Compiler ID : "INTL"
[0004]              Asl Compiler Revision : 20200925
[0001]                 Host Address Width : 2E
[0001]                              Flags : 01
[0010]                           Reserved : 00 00 00 00 00 00 00 00 00 00

[0002]                      Subtable Type : 0000 [Hardware Unit Definition]
[0002]                             Length : 0010
[0001]                              Flags : 01
[0001]                           Reserved : 00
[0002]                 PCI Segment Number : 0000
[0008]              Register Base Address : 00000000FED90000

[0002]                      Subtable Type : 0001 [Reserved Memory Region]
[0002]                             Length : 0020
[0002]                           Reserved : 0000
[0002]                 PCI Segment Number : 0000
[0008]                       Base Address : 0000000100000000
[0008]                End Address (limit) : 00000001000FFFFF
[0001]                  Device Scope Type : 01 [PCI Endpoint Device]
[0001]                       Entry Length : 08
[0002]                           Reserved : 0000
[0001]                     Enumeration ID : 00
[0001]                     PCI Bus Number : 00
[0002]                           PCI Path : 03,00

[0002]                      Subtable Type : 0001 [Reserved Memory Region]
[0002]                             Length : 0020
[0002]                           Reserved : 0000
[0002]                 PCI Segment Number : 0000
[0008]                       Base Address : 00000000FFFFF000
[0008]                End Address (limit) : 0000000100000FFF
[0001]                  Device Scope Type : 01 [PCI Endpoint Device]
[0001]                       Entry Length : 08
[0002]                           Reserved : 0000
[0001]                     Enumeration ID : 00
[0001]                     PCI Bus Number : 00
[0002]                           PCI Path : 04,00
