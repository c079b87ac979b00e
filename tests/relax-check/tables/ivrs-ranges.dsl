/*
 * SPDX-License-Identifier: MIT OR GPL-2.0-or-later
 *
 * Synthetic IVRS for what the shared real tables lack: an IVMD 0x22
 * range over buses 0-15, a 0x20 all-devices entry, IVMDs between and
 * after IVHD blocks, and one IVMD that sets neither unity nor exclusion
 * (Linux ignores it).  The IVMD segment field (reserved in older specs)
 * stays 0: iasl zeroes reserved fields, so segment 1 is tested in DMAR.
 *
 * IVMD 0: 0x22 unity,read,write devices 0000:00:00.0-0000:0f:1f.7 [0xa0000000 +0x100000]
 * IVMD 1: 0x20 exclusion        all devices                     [0xb0000000 +0x2000]
 * IVMD 2: 0x21 read             0000:05:00.0 only               [0xc0000000 +0x1000]
 * IVMD 3: 0x21 unity,read,write 0000:02:00.0                    [0xd0000000 +0x4000]
 */
[0004]                          Signature : "IVRS"
[0004]                       Table Length : 00000000
[0001]                           Revision : 02
[0001]                           Checksum : 00
[0006]                             Oem ID : "RELAX "
[0008]                       Oem Table ID : "RANGES  "
[0004]                       Oem Revision : 00000001
[0004]                    Asl Compiler ID : "INTL"
[0004]              Asl Compiler Revision : 20200925
[0004]                Virtualization Info : 00203041
[0008]                           Reserved : 0000000000000000

[0001]                      Subtable Type : 10 [Hardware Definition Block]
[0001]                              Flags : B0
[0002]                             Length : 0020
[0002]                           DeviceId : 0002
[0002]                  Capability Offset : 0040
[0008]                       Base Address : 00000000FEB80000
[0002]                  PCI Segment Group : 0000
[0002]                Virtualization Info : 0000
[0004]                  Feature Reporting : 80048F6E
[0001]                         Entry Type : 03
[0002]                          Device ID : 0008
[0001]                       Data Setting : 00
[0001]                         Entry Type : 04
[0002]                          Device ID : FFFE
[0001]                       Data Setting : 00

[0001]                      Subtable Type : 22 [Memory Definition Block]
[0001]                              Flags : 07
[0002]                             Length : 0020
[0002]                           DeviceId : 0000
[0002]                     Auxiliary Data : 0FFF
[0008]                           Reserved : 0000000000000000
[0008]                      Start Address : 00000000A0000000
[0008]                      Memory Length : 0000000000100000

[0001]                      Subtable Type : 20 [Memory Definition Block]
[0001]                              Flags : 08
[0002]                             Length : 0020
[0002]                           DeviceId : 0000
[0002]                     Auxiliary Data : 0000
[0008]                           Reserved : 0000000000000000
[0008]                      Start Address : 00000000B0000000
[0008]                      Memory Length : 0000000000002000

[0001]                      Subtable Type : 21 [Memory Definition Block]
[0001]                              Flags : 02
[0002]                             Length : 0020
[0002]                           DeviceId : 0500
[0002]                     Auxiliary Data : 0000
[0008]                           Reserved : 0000000000000000
[0008]                      Start Address : 00000000C0000000
[0008]                      Memory Length : 0000000000001000

[0001]                      Subtable Type : 10 [Hardware Definition Block]
[0001]                              Flags : B0
[0002]                             Length : 0018
[0002]                           DeviceId : 0002
[0002]                  Capability Offset : 0040
[0008]                       Base Address : 00000000FEB90000
[0002]                  PCI Segment Group : 0001
[0002]                Virtualization Info : 0000
[0004]                  Feature Reporting : 80048F6E

[0001]                      Subtable Type : 21 [Memory Definition Block]
[0001]                              Flags : 07
[0002]                             Length : 0020
[0002]                           DeviceId : 0200
[0002]                     Auxiliary Data : 0000
[0008]                           Reserved : 0000000000000000
[0008]                      Start Address : 00000000D0000000
[0008]                      Memory Length : 0000000000004000
