/*
 * SPDX-License-Identifier: MIT OR GPL-2.0-or-later
 *
 * Synthetic DMAR for what the shared real tables lack: RMRR scopes
 * behind bridges (two and three hops), a bridge-type scope, and a
 * second PCI segment.  Compiled with iasl by the test runner.
 *
 * RMRR 0: seg 0 [30000000-300fffff] endpoint 00:1c.0/00.0 (NIC behind a root port)
 * RMRR 1: seg 0 [40000000-40000fff] bridge   00:01.0 (everything below it)
 * RMRR 2: seg 1 [50000000-5000ffff] endpoint 80:02.0 and 80:03.0/00.0/01.0
 * RMRR 3: seg 0 [6f9ff000-6fa1efff] endpoint 00:14.0 (USB controller)
 */
[0004]                          Signature : "DMAR"
[0004]                       Table Length : 00000000
[0001]                           Revision : 01
[0001]                           Checksum : 00
[0006]                             Oem ID : "RELAX "
[0008]                       Oem Table ID : "BRIDGES "
[0004]                       Oem Revision : 00000001
[0004]                    Asl Compiler ID : "INTL"
[0004]              Asl Compiler Revision : 20200925
[0001]                 Host Address Width : 26
[0001]                              Flags : 01
[0010]                           Reserved : 00 00 00 00 00 00 00 00 00 00

[0002]                      Subtable Type : 0000 [Hardware Unit Definition]
[0002]                             Length : 0010
[0001]                              Flags : 01
[0001]                           Reserved : 00
[0002]                 PCI Segment Number : 0000
[0008]              Register Base Address : 00000000FED90000

[0002]                      Subtable Type : 0000 [Hardware Unit Definition]
[0002]                             Length : 0010
[0001]                              Flags : 01
[0001]                           Reserved : 00
[0002]                 PCI Segment Number : 0001
[0008]              Register Base Address : 00000000FED91000

[0002]                      Subtable Type : 0001 [Reserved Memory Region]
[0002]                             Length : 0022
[0002]                           Reserved : 0000
[0002]                 PCI Segment Number : 0000
[0008]                       Base Address : 0000000030000000
[0008]                End Address (limit) : 00000000300FFFFF
[0001]                  Device Scope Type : 01 [PCI Endpoint Device]
[0001]                       Entry Length : 0A
[0002]                           Reserved : 0000
[0001]                     Enumeration ID : 00
[0001]                     PCI Bus Number : 00
[0002]                           PCI Path : 1C,00
[0002]                           PCI Path : 00,00

[0002]                      Subtable Type : 0001 [Reserved Memory Region]
[0002]                             Length : 0020
[0002]                           Reserved : 0000
[0002]                 PCI Segment Number : 0000
[0008]                       Base Address : 0000000040000000
[0008]                End Address (limit) : 0000000040000FFF
[0001]                  Device Scope Type : 02 [PCI Bridge Device]
[0001]                       Entry Length : 08
[0002]                           Reserved : 0000
[0001]                     Enumeration ID : 00
[0001]                     PCI Bus Number : 00
[0002]                           PCI Path : 01,00

[0002]                      Subtable Type : 0001 [Reserved Memory Region]
[0002]                             Length : 002C
[0002]                           Reserved : 0000
[0002]                 PCI Segment Number : 0001
[0008]                       Base Address : 0000000050000000
[0008]                End Address (limit) : 000000005000FFFF
[0001]                  Device Scope Type : 01 [PCI Endpoint Device]
[0001]                       Entry Length : 08
[0002]                           Reserved : 0000
[0001]                     Enumeration ID : 00
[0001]                     PCI Bus Number : 80
[0002]                           PCI Path : 02,00
[0001]                  Device Scope Type : 01 [PCI Endpoint Device]
[0001]                       Entry Length : 0C
[0002]                           Reserved : 0000
[0001]                     Enumeration ID : 00
[0001]                     PCI Bus Number : 80
[0002]                           PCI Path : 03,00
[0002]                           PCI Path : 00,00
[0002]                           PCI Path : 01,00

[0002]                      Subtable Type : 0001 [Reserved Memory Region]
[0002]                             Length : 0020
[0002]                           Reserved : 0000
[0002]                 PCI Segment Number : 0000
[0008]                       Base Address : 000000006F9FF000
[0008]                End Address (limit) : 000000006FA1EFFF
[0001]                  Device Scope Type : 01 [PCI Endpoint Device]
[0001]                       Entry Length : 08
[0002]                           Reserved : 0000
[0001]                     Enumeration ID : 00
[0001]                     PCI Bus Number : 00
[0002]                           PCI Path : 14,00
