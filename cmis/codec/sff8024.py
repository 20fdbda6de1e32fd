"""SFF-8024 tables CMIS modules use: identifier, connector, media type and interface IDs."""

# Sources (read for the facts; the tables below are our own transcription and naming):
#
# - SFF-8024 itself was not available. The code values follow the latest revision seen in
#   public code: Rev 4.13 (an ethtool extension, "sff-common-ext.c") and Rev 4.14 (a CMIS 5.4
#   parser's transcription, FreeBSD-style sys/net/sff8024.h, a C# CMIS decoder), checked against
#   SONiC sonic-platform-common codes/public/sff8024.py (Rev 4.8a plus later additions, two forks),
#   a Rev 4.12 Python table, ethtool module-common.c, FBOSS transceiver.thrift and the SONiC 1.6T
#   HLD (which gives the IEEE 802.3dj clause numbers of SMF codes 0x73-0x80).
# - Every code below appears in at least two of these sources (several of which may share an
#   upstream). Where they disagree, the majority and the most recent revision win:
#     * Host 0x1E-0x24 were BASE-T host interfaces (1000BASE-T .. 50GBASE-T) in SFF-8024 up to
#       about Rev 4.9 (SONiC still prints them so). Later revisions moved BASE-T to Table 4-10 and
#       reassigned 0x1E/0x1F (200GBASE-CR1 / 400GBASE-CR2) and 0x20-0x23 (LPO LEI codes).
#     * SMF 0x25 / 0x27 (256GFC-PSM4 / 256GFC-CWDM4) were listed by SONiC's older table only and
#       are absent from every later one: left out.
#     * SONiC's Rev 4.8a "placeholder" names for host 0x51/0x52 and SMF 0x55-0x57 became
#       800GAUI-8 S/L and 400GBASE-DR4-2 / 800GBASE-DR8 / 800GBASE-DR8-2.
#     * SMF 0x64-0x6B (OpenROADM FLEXO codes): the Rev 4.14 PDF transcription is garbled there;
#       the order follows the two clean Rev 4.13/4.14 tables.
#     * The clause numbers of 800GBASE-LR1/ER1-20/ER1 (0x7C-0x7E) were not confirmed: omitted.
#     * One C# decoder alone lists host 0xBE "Interface Unique ID escape" (CMIS 5.4 12-bit UIDs):
#       not included; 0xBE reads as unknown.
# - Naming style: "<interface> (<reference>)", with "Cl NNN" for IEEE 802.3 clauses and
#   "Annex NNNX" for annexes, e.g. "400GAUI-8 C2M (Annex 120E)", "800GBASE-DR8 (Cl 124)".
#   The S/L (short/long host channel) variants always take a hyphen: "800GAUI-8-S C2M".
# - Vendor/custom ranges: identifiers and connectors 0x80-0xFF; host interface IDs 0xC0-0xFE
#   (0xFF = end of list); media interface IDs 0xC0-0xFF (FBOSS, for one, uses SMF 0xC1 for a
#   vendor "800G-FR8"). Any other code missing from a table is reserved and shown as unknown.

from __future__ import annotations

from enum import IntEnum
from typing import Final

# ---------------------------------------------------------------------------------------------
# Table 4-1: Identifier values (lower memory byte 0 and its copy at 00h:128)
# ---------------------------------------------------------------------------------------------


class Identifier(IntEnum):
    """SFF-8024 Table 4-1 module identifier (byte 0)."""

    UNKNOWN = 0x00
    GBIC = 0x01
    SOLDERED = 0x02
    SFP = 0x03
    XBI_300PIN = 0x04
    XENPAK = 0x05
    XFP = 0x06
    XFF = 0x07
    XFP_E = 0x08
    XPAK = 0x09
    X2 = 0x0A
    DWDM_SFP = 0x0B
    QSFP = 0x0C
    QSFP_PLUS = 0x0D
    CXP = 0x0E
    HD4X = 0x0F
    HD8X = 0x10
    QSFP28 = 0x11
    CXP2 = 0x12
    CDFP = 0x13
    HD4X_FANOUT = 0x14
    HD8X_FANOUT = 0x15
    CDFP_STYLE3 = 0x16
    MICRO_QSFP = 0x17
    QSFP_DD = 0x18
    OSFP = 0x19
    SFP_DD = 0x1A
    DSFP = 0x1B
    MINILINK_X4 = 0x1C
    MINILINK_X8 = 0x1D
    QSFP_PLUS_CMIS = 0x1E
    SFP_DD_CMIS = 0x1F
    SFP_PLUS_CMIS = 0x20
    OSFP_XD = 0x21
    ELSFP = 0x22
    CDFP_X4_PCIE = 0x23
    CDFP_X8_PCIE = 0x24
    CDFP_X16_PCIE = 0x25
    XPO = 0x26


IDENTIFIER_NAMES: Final[dict[int, str]] = {
    0x00: "Unknown or unspecified",
    0x01: "GBIC",
    0x02: "Module soldered to motherboard",
    0x03: "SFP/SFP+/SFP28 and later (SFF-8472)",
    0x04: "300 pin XBI",
    0x05: "XENPAK",
    0x06: "XFP",
    0x07: "XFF",
    0x08: "XFP-E",
    0x09: "XPAK",
    0x0A: "X2",
    0x0B: "DWDM-SFP/SFP+ (not SFF-8472)",
    0x0C: "QSFP (INF-8438)",
    0x0D: "QSFP+ or later (SFF-8436/SFF-8636)",
    0x0E: "CXP or later",
    0x0F: "Shielded Mini Multilane HD 4X",
    0x10: "Shielded Mini Multilane HD 8X",
    0x11: "QSFP28 or later (SFF-8636)",
    0x12: "CXP2 (CXP28) or later",
    0x13: "CDFP (Style 1/Style 2)",
    0x14: "Shielded Mini Multilane HD 4X Fanout Cable",
    0x15: "Shielded Mini Multilane HD 8X Fanout Cable",
    0x16: "CDFP (Style 3)",
    0x17: "microQSFP",
    0x18: "QSFP-DD Double Density 8X Pluggable Transceiver",
    0x19: "OSFP 8X Pluggable Transceiver",
    0x1A: "SFP-DD Double Density 2X Pluggable Transceiver",
    0x1B: "DSFP Dual Small Form Factor Pluggable Transceiver",
    0x1C: "x4 MiniLink/OcuLink",
    0x1D: "x8 MiniLink",
    0x1E: "QSFP+ or later with CMIS",
    0x1F: "SFP-DD Double Density 2X Pluggable Transceiver with CMIS",
    0x20: "SFP+ and later with CMIS",
    0x21: "OSFP-XD with CMIS",
    0x22: "OIF-ELSFP with CMIS",
    0x23: "CDFP (x4 PCIe, SFF-TA-1032) with CMIS",
    0x24: "CDFP (x8 PCIe, SFF-TA-1032) with CMIS",
    0x25: "CDFP (x16 PCIe, SFF-TA-1032) with CMIS",
    0x26: "XPO",  # Rev 4.14; two sources, no description beyond the name
}

IDENTIFIER_VENDOR_RANGE: Final = range(0x80, 0x100)

# ---------------------------------------------------------------------------------------------
# Table 4-3: Connector types (page 00h byte 203)
# ---------------------------------------------------------------------------------------------


class Connector(IntEnum):
    """SFF-8024 Table 4-3 connector type (00h:203)."""

    UNKNOWN = 0x00
    SC = 0x01
    FC_STYLE1_COPPER = 0x02
    FC_STYLE2_COPPER = 0x03
    BNC_TNC = 0x04
    FC_COAX = 0x05
    FIBERJACK = 0x06
    LC = 0x07
    MT_RJ = 0x08
    MU = 0x09
    SG = 0x0A
    OPTICAL_PIGTAIL = 0x0B
    MPO_1X12 = 0x0C
    MPO_2X16 = 0x0D
    HSSDC_II = 0x20
    COPPER_PIGTAIL = 0x21
    RJ45 = 0x22
    NO_SEPARABLE = 0x23
    MXC_2X16 = 0x24
    CS = 0x25
    SN = 0x26
    MPO_2X12 = 0x27
    MPO_1X16 = 0x28


CONNECTOR_NAMES: Final[dict[int, str]] = {
    0x00: "Unknown or unspecified",
    0x01: "SC",
    0x02: "Fibre Channel Style 1 copper",
    0x03: "Fibre Channel Style 2 copper",
    0x04: "BNC/TNC",
    0x05: "Fibre Channel coax headers",
    0x06: "FiberJack",
    0x07: "LC",
    0x08: "MT-RJ",
    0x09: "MU",
    0x0A: "SG",
    0x0B: "Optical pigtail",
    0x0C: "MPO 1x12",
    0x0D: "MPO 2x16",
    0x20: "HSSDC II",
    0x21: "Copper pigtail",
    0x22: "RJ45",
    0x23: "No separable connector",
    0x24: "MXC 2x16",
    0x25: "CS optical connector",
    0x26: "SN (Mini CS) optical connector",
    0x27: "MPO 2x12",
    0x28: "MPO 1x16",
}

CONNECTOR_VENDOR_RANGE: Final = range(0x80, 0x100)

# ---------------------------------------------------------------------------------------------
# MediaType (lower byte 85): selects which media interface table applies
# ---------------------------------------------------------------------------------------------


class MediaType(IntEnum):
    """CMIS lower byte 85; 0x06-0x3F reserved, 0x40-0x8F custom, 0x90-0xFF reserved."""

    UNDEFINED = 0x00
    OPTICAL_MMF = 0x01
    OPTICAL_SMF = 0x02
    PASSIVE_COPPER = 0x03
    ACTIVE_CABLE = 0x04
    BASE_T = 0x05


MEDIA_TYPE_NAMES: Final[dict[int, str]] = {
    0x00: "Undefined",
    0x01: "Optical: multimode fiber (MMF)",
    0x02: "Optical: single-mode fiber (SMF)",
    0x03: "Passive or linear active copper cable",
    0x04: "Active cable assembly",
    0x05: "BASE-T",
}

MEDIA_TYPE_VENDOR_RANGE: Final = range(0x40, 0x90)

# ---------------------------------------------------------------------------------------------
# Table 4-5: Host electrical interface IDs (application descriptor byte +0)
# ---------------------------------------------------------------------------------------------

HOST_ELECTRICAL: Final[dict[int, str]] = {
    0x00: "Undefined",
    # Ethernet, 10G-400G (IEEE 802.3)
    0x01: "1000BASE-CX (Cl 39)",
    0x02: "XAUI (Cl 47)",
    0x03: "XFI (SFF INF-8071i)",
    0x04: "SFI (SFF-8431)",
    0x05: "25GAUI C2M (Annex 109B)",
    0x06: "XLAUI C2M (Annex 83B)",
    0x07: "XLPPI (Annex 86A)",
    0x08: "LAUI-2 C2M (Annex 135C)",
    0x09: "50GAUI-2 C2M (Annex 135E)",
    0x0A: "50GAUI-1 C2M (Annex 135G)",
    0x0B: "CAUI-4 C2M (Annex 83E)",
    0x0C: "100GAUI-4 C2M (Annex 135E)",
    0x0D: "100GAUI-2 C2M (Annex 135G)",
    0x0E: "200GAUI-8 C2M (Annex 120C)",
    0x0F: "200GAUI-4 C2M (Annex 120E)",
    0x10: "400GAUI-16 C2M (Annex 120C)",
    0x11: "400GAUI-8 C2M (Annex 120E)",
    # 0x12 reserved for Ethernet active modules
    # Ethernet copper (module is, or drives, a twinax cable)
    0x13: "10GBASE-CX4 (Cl 54)",
    0x14: "25GBASE-CR CA-25G-L (Cl 110)",
    0x15: "25GBASE-CR or 25GBASE-CR-S CA-25G-S (Cl 110)",
    0x16: "25GBASE-CR or 25GBASE-CR-S CA-25G-N (Cl 110)",
    0x17: "40GBASE-CR4 (Cl 85)",
    0x18: "50GBASE-CR (Cl 136)",
    0x19: "100GBASE-CR10 (Cl 85)",
    0x1A: "100GBASE-CR4 (Cl 92)",
    0x1B: "100GBASE-CR2 (Cl 136)",
    0x1C: "200GBASE-CR4 (Cl 136)",
    0x1D: "400G CR8 (Ethernet Technology Consortium)",
    # 0x1E-0x24 were 1000BASE-T .. 50GBASE-T before BASE-T moved to Table 4-10
    0x1E: "200GBASE-CR1 (Cl 179)",
    0x1F: "400GBASE-CR2 (Cl 179)",
    # Linear pluggable optics (LPO MSA linear electrical interface)
    0x20: "LEI-100G-PAM4-1 (LPO MSA)",
    0x21: "LEI-200G-PAM4-2 (LPO MSA)",
    0x22: "LEI-400G-PAM4-4 (LPO MSA)",
    0x23: "LEI-800G-PAM4-8 (LPO MSA)",
    # Fibre Channel
    0x25: "8GFC (FC-PI-4)",
    0x26: "10GFC",
    0x27: "16GFC (FC-PI-5)",
    0x28: "32GFC (FC-PI-6)",
    0x29: "64GFC (FC-PI-7)",
    0x2A: "128GFC (FC-PI-6P)",
    0x2B: "256GFC (FC-PI-7P)",
    # InfiniBand
    0x2C: "IB SDR (Arch. Spec. Vol. 2)",
    0x2D: "IB DDR (Arch. Spec. Vol. 2)",
    0x2E: "IB QDR (Arch. Spec. Vol. 2)",
    0x2F: "IB FDR (Arch. Spec. Vol. 2)",
    0x30: "IB EDR (Arch. Spec. Vol. 2)",
    0x31: "IB HDR (Arch. Spec. Vol. 2)",
    0x32: "IB NDR (Arch. Spec. Vol. 2)",
    # CPRI
    0x33: "E.96 (CPRI Specification V7.0)",
    0x34: "E.99 (CPRI Specification V7.0)",
    0x35: "E.119 (CPRI Specification V7.0)",
    0x36: "E.238 (CPRI Specification V7.0)",
    # OTN
    0x37: "OTL3.4 (ITU-T G.709)",
    0x38: "OTL4.10 (ITU-T G.709)",
    0x39: "OTL4.4 (ITU-T G.709)",
    0x3A: "OTLC.4 (ITU-T G.709.1)",
    0x3B: "FOIC1.4-MFI (ITU-T G.709.5)",
    0x3C: "FOIC1.2-MFI (ITU-T G.709.5)",
    0x3D: "FOIC2.8-MFI (ITU-T G.709.5)",
    0x3E: "FOIC2.4-MFI (ITU-T G.709.5)",
    0x3F: "FOIC4.16-MFI (ITU-T G.709.5)",
    0x40: "FOIC4.8-MFI (ITU-T G.709.5)",
    # Ethernet, continued
    0x41: "CAUI-4 C2M (Annex 83E) without FEC",
    0x42: "CAUI-4 C2M (Annex 83E) with RS(528,514) FEC",
    0x43: "50GBASE-CR2 (Ethernet Technology Consortium) with RS(528,514) FEC",
    0x44: "50GBASE-CR2 (Ethernet Technology Consortium) with BASE-R (Cl 74) FEC",
    0x45: "50GBASE-CR2 (Ethernet Technology Consortium) without FEC",
    0x46: "100GBASE-CR1 (Cl 162)",
    0x47: "200GBASE-CR2 (Cl 162)",
    0x48: "400GBASE-CR4 (Cl 162)",
    0x49: "800G-ETC-CR8 or 800GBASE-CR8 (Cl 162)",
    0x4A: "128GFC (FC-PI-8)",
    0x4B: "100GAUI-1-S C2M (Annex 120G)",
    0x4C: "100GAUI-1-L C2M (Annex 120G)",
    0x4D: "200GAUI-2-S C2M (Annex 120G)",
    0x4E: "200GAUI-2-L C2M (Annex 120G)",
    0x4F: "400GAUI-4-S C2M (Annex 120G)",
    0x50: "400GAUI-4-L C2M (Annex 120G)",
    0x51: "800GAUI-8-S C2M (Annex 120G)",
    0x52: "800GAUI-8-L C2M (Annex 120G)",
    0x53: "OTL4.2 (ITU-T G.709)",
    0x55: "1.6TAUI-16-S C2M (Annex 120G)",
    0x56: "1.6TAUI-16-L C2M (Annex 120G)",
    0x57: "800GBASE-CR4 (Cl 179)",
    0x58: "1.6TBASE-CR8 (Cl 179)",
    # PCI Express
    0x70: "PCIe 4.0",
    0x71: "PCIe 5.0",
    0x72: "PCIe 6.0",
    0x73: "PCIe 7.0",
    # OIF
    0x74: "CEI-112G-LINEAR-PAM4 (OIF)",
    # Ethernet, 200G per lane (IEEE 802.3dj); 0x80 was re-assigned in Rev 4.12
    0x80: "200GAUI-1 C2M (Annex 176E)",
    0x81: "400GAUI-2 C2M (Annex 176E)",
    0x82: "800GAUI-4 C2M (Annex 176E)",
    0x83: "1.6TAUI-8 C2M (Annex 176E)",
    # Retimed-Tx linear-Rx optics (LPO MSA enhanced electrical interface)
    0x90: "EEI-100G-RTLR-1-S (LPO MSA)",
    0x91: "EEI-100G-RTLR-1-L (LPO MSA)",
    0x92: "EEI-200G-RTLR-2-S (LPO MSA)",
    0x93: "EEI-200G-RTLR-2-L (LPO MSA)",
    0x94: "EEI-400G-RTLR-4-S (LPO MSA)",
    0x95: "EEI-400G-RTLR-4-L (LPO MSA)",
    0x96: "EEI-800G-RTLR-8-S (LPO MSA)",
    0x97: "EEI-800G-RTLR-8-L (LPO MSA)",
    0x98: "EEI-200G-RTLR-1 (LPO MSA)",  # Rev 4.14
    0x99: "EEI-400G-RTLR-2 (LPO MSA)",  # Rev 4.14
    0x9A: "EEI-800G-RTLR-4 (LPO MSA)",  # Rev 4.14
    0x9B: "EEI-1.6T-RTLR-8 (LPO MSA)",  # Rev 4.14
    # InfiniBand, continued
    0xA0: "IB XDR",
    # OTN, continued
    0xB0: "FOIC1.1-MFI (ITU-T G.709.5)",
    0xB1: "FOIC4.4-MFI (ITU-T G.709.5)",
    0xB2: "FOIC8.8-MFI (ITU-T G.709.5)",
    0xB3: "FOIC1e.1-MFI (ITU-T G.709.5)",  # Rev 4.14
    0xB4: "FOIC4e.4-MFI (ITU-T G.709.5)",  # Rev 4.14
    0xB5: "FOIC1o.1-MFI (ITU-T G.709.5)",  # Rev 4.14
    0xB6: "FOIC4o.4-MFI (ITU-T G.709.5)",  # Rev 4.14
    # PON
    0xB7: "50G-PON (ITU-T G.9804.3)",
    0xFF: "End of list",
}

HOST_VENDOR_RANGE: Final = range(0xC0, 0xFF)

# ---------------------------------------------------------------------------------------------
# Table 4-6: MMF media interface IDs (MediaType 0x01)
# ---------------------------------------------------------------------------------------------

MEDIA_MMF: Final[dict[int, str]] = {
    0x00: "Undefined",
    0x01: "10GBASE-SW (Cl 52)",
    0x02: "10GBASE-SR (Cl 52)",
    0x03: "25GBASE-SR (Cl 112)",
    0x04: "40GBASE-SR4 (Cl 86)",
    0x05: "40GE SWDM4 (SWDM MSA)",
    0x06: "40GE BiDi",
    0x07: "50GBASE-SR (Cl 138)",
    0x08: "100GBASE-SR10 (Cl 86)",
    0x09: "100GBASE-SR4 (Cl 95)",
    0x0A: "100GE SWDM4 (SWDM MSA)",
    0x0B: "100GE BiDi",
    0x0C: "100GBASE-SR2 (Cl 138)",
    0x0D: "100GBASE-SR1 (Cl 167)",
    0x0E: "200GBASE-SR4 (Cl 138)",
    0x0F: "400GBASE-SR16 (Cl 123)",
    0x10: "400GBASE-SR8 (Cl 138)",
    0x11: "400GBASE-SR4 (Cl 167)",
    0x12: "800GBASE-SR8 (Cl 167)",
    0x13: "8GFC-MM (FC-PI-4)",
    0x14: "10GFC-MM",
    0x15: "16GFC-MM (FC-PI-5)",
    0x16: "32GFC-MM (FC-PI-6)",
    0x17: "64GFC-MM (FC-PI-7)",
    0x18: "128GFC-MM4 (FC-PI-6P)",
    0x19: "256GFC-MM4 (FC-PI-7P)",
    0x1A: "400GBASE-SR4.2 (Cl 150, 400G BiDi)",
    0x1B: "200GBASE-SR2 (Cl 167)",
    0x1C: "128GFC-MM (FC-PI-8)",
    0x1D: "100GBASE-VR1 (Cl 167)",
    0x1E: "200GBASE-VR2 (Cl 167)",
    0x1F: "400GBASE-VR4 (Cl 167)",
    0x20: "800GBASE-VR8 (Cl 167)",
    0x21: "800G-VR4.2",
    0x22: "800G-SR4.2",
    0x23: "1.6T-VR8.2",
    0x24: "1.6T-SR8.2",
}

# ---------------------------------------------------------------------------------------------
# Table 4-7: SMF media interface IDs (MediaType 0x02)
# ---------------------------------------------------------------------------------------------

MEDIA_SMF: Final[dict[int, str]] = {
    0x00: "Undefined",
    # Ethernet 10G-100G
    0x01: "10GBASE-LW (Cl 52)",
    0x02: "10GBASE-EW (Cl 52)",
    0x03: "10G-ZW",
    0x04: "10GBASE-LR (Cl 52)",
    0x05: "10GBASE-ER (Cl 52)",
    0x06: "10G-ZR",
    0x07: "25GBASE-LR (Cl 114)",
    0x08: "25GBASE-ER (Cl 114)",
    0x09: "40GBASE-LR4 (Cl 87)",
    0x0A: "40GBASE-FR (Cl 89)",
    0x0B: "50GBASE-FR (Cl 139)",
    0x0C: "50GBASE-LR (Cl 139)",
    0x0D: "100GBASE-LR4 (Cl 88)",
    0x0E: "100GBASE-ER4 (Cl 88)",
    0x0F: "100G PSM4 (MSA)",
    0x10: "100G CWDM4 (MSA)",
    0x11: "100G 4WDM-10 (MSA)",
    0x12: "100G 4WDM-20 (MSA)",
    0x13: "100G 4WDM-40 (MSA)",
    0x14: "100GBASE-DR (Cl 140)",
    0x15: "100G-FR / 100GBASE-FR1 (Cl 140)",
    0x16: "100G-LR / 100GBASE-LR1 (Cl 140)",
    # Ethernet 200G/400G
    0x17: "200GBASE-DR4 (Cl 121)",
    0x18: "200GBASE-FR4 (Cl 122)",
    0x19: "200GBASE-LR4 (Cl 122)",
    0x1A: "400GBASE-FR8 (Cl 122)",
    0x1B: "400GBASE-LR8 (Cl 122)",
    0x1C: "400GBASE-DR4 (Cl 124)",
    0x1D: "400G-FR4 / 400GBASE-FR4 (Cl 151)",
    0x1E: "400G-LR4-10 (MSA)",
    # Fibre Channel
    0x1F: "8GFC-SM (FC-PI-4)",
    0x20: "10GFC-SM",
    0x21: "16GFC-SM (FC-PI-5)",
    0x22: "32GFC-SM (FC-PI-6)",
    0x23: "64GFC-SM (FC-PI-7)",
    0x24: "128GFC-PSM4 (FC-PI-6P)",
    0x26: "128GFC-CWDM4 (FC-PI-6P)",
    # OTN (ITU-T G.959.1 / G.695 application codes)
    0x2C: "4I1-9D1F (G.959.1)",
    0x2D: "4L1-9C1F (G.959.1)",
    0x2E: "4L1-9D1F (G.959.1)",
    0x2F: "C4S1-9D1F (G.695)",
    0x30: "C4S1-4D1F (G.695)",
    0x31: "4I1-4D1F (G.959.1)",
    0x32: "8R1-4D1F (G.959.1)",
    0x33: "8I1-4D1F (G.959.1)",
    0x34: "100G CWDM4-OCP",
    # OpenZR+ high-accuracy / high-bandwidth variants
    0x35: "ZR400-OFEC-16QAM-HA (OpenZR+)",
    0x36: "ZR400-OFEC-16QAM-HB (OpenZR+)",
    0x37: "ZR400-OFEC-8QAM-HA (OpenZR+)",
    # CPRI
    0x38: "10G-SR (CPRI)",
    0x39: "10G-LR (CPRI)",
    0x3A: "25G-SR (CPRI)",
    0x3B: "25G-LR (CPRI)",
    0x3C: "10G-LR-BiDi (CPRI)",
    0x3D: "25G-LR-BiDi (CPRI)",
    # OIF 400ZR and more Ethernet
    0x3E: "400ZR, DWDM, amplified (OIF)",
    0x3F: "400ZR, single wavelength, unamplified (OIF)",
    0x40: "50GBASE-ER (Cl 139)",
    0x41: "200GBASE-ER4 (Cl 122)",
    0x42: "400GBASE-ER8 (Cl 122)",
    0x43: "400GBASE-LR4-6 (Cl 151)",
    0x44: "100GBASE-ZR (Cl 154)",
    0x45: "128GFC-SM (FC-PI-8)",
    # OpenZR+
    0x46: "ZR400-OFEC-16QAM (OpenZR+)",
    0x47: "ZR300-OFEC-8QAM (OpenZR+)",
    0x48: "ZR200-OFEC-QPSK (OpenZR+)",
    0x49: "ZR100-OFEC-QPSK (OpenZR+)",
    # 100G Lambda MSA, more IEEE
    0x4A: "100G-LR1-20 (MSA)",
    0x4B: "100G-ER1-30 (MSA)",
    0x4C: "100G-ER1-40 (MSA)",
    0x4D: "400GBASE-ZR (Cl 156)",
    0x4E: "10GBASE-BR (Cl 158)",
    0x4F: "25GBASE-BR (Cl 159)",
    0x50: "50GBASE-BR (Cl 160)",
    # OTN digital coherent optics
    0x51: "FOIC1.4-DO (G.709.3)",
    0x52: "FOIC2.8-DO (G.709.3)",
    0x53: "FOIC4.8-DO (G.709.3)",
    0x54: "FOIC2.4-DO (G.709.3)",
    # Ethernet, 100G per lane (IEEE 802.3df)
    0x55: "400GBASE-DR4-2 (Cl 124)",
    0x56: "800GBASE-DR8 (Cl 124)",
    0x57: "800GBASE-DR8-2 (Cl 124)",
    # OpenZR+, continued
    0x58: "ZR400-OFEC-8QAM-HB (OpenZR+)",
    0x59: "ZR300-OFEC-8QAM-HA (OpenZR+)",
    0x5A: "ZR300-OFEC-8QAM-HB (OpenZR+)",
    0x5B: "ZR200-OFEC-QPSK-HA (OpenZR+)",
    0x5C: "ZR200-OFEC-QPSK-HB (OpenZR+)",
    0x5D: "ZR100-OFEC-QPSK-HA (OpenZR+)",
    0x5E: "ZR100-OFEC-QPSK-HB (OpenZR+)",
    # OpenROADM
    0x5F: "FLEXO-4-DO-16QAM / FOIC4.8-DO (OpenROADM)",
    0x60: "FLEXO-3-DO-8QAM / FOIC3.6-DO (OpenROADM)",
    0x61: "FLEXO-2-DO-QPSK / FOIC2.4-DO (OpenROADM)",
    0x62: "FLEXO-2-DO-16QAM / FOIC2.8-DO (OpenROADM)",
    0x63: "FLEXO-1-DO-QPSK / FOIC1.4-DO (OpenROADM)",
    0x64: "FLEXO-4e-DO-QPSK / FOIC4e.4-DO (OpenROADM)",
    0x65: "FLEXO-4-DO-QPSK / FOIC4.4-DO (OpenROADM)",
    0x66: "FLEXO-8e-DO-16QAM / FOIC8e.8-DO (OpenROADM)",
    0x67: "FLEXO-8-DO-16QAM / FOIC8.8-DO (OpenROADM)",
    0x68: "FLEXO-8e-DPO-16QAM / FOIC8e.8-DPO (OpenROADM)",
    0x69: "FLEXO-8-DPO-16QAM / FOIC8.8-DPO (OpenROADM)",
    0x6A: "FLEXO-6e-DPO-16QAM / FOIC6e.8-DPO (OpenROADM)",
    0x6B: "FLEXO-6-DPO-16QAM / FOIC6.8-DPO (OpenROADM)",
    # OIF 800ZR
    0x6C: "800ZR-A, 150 GHz DWDM (OIF)",
    0x6D: "800ZR-B, 150 GHz DWDM (OIF)",
    0x6E: "800ZR-C, 150 GHz DWDM (OIF)",
    0x6F: "400G-ER4-30 (MSA)",
    0x70: "1I1-5D1F (G.959.1)",
    0x71: "1R1-5D1F (G.959.1)",
    0x72: "FOIC1.1-RS (G.709.1)",
    # Ethernet, 200G per lane (IEEE 802.3dj)
    0x73: "200GBASE-DR1 (Cl 180)",
    0x74: "200GBASE-DR1-2 (Cl 181)",
    0x75: "400GBASE-DR2 (Cl 180)",
    0x76: "400GBASE-DR2-2 (Cl 181)",
    0x77: "800GBASE-DR4 (Cl 180)",
    0x78: "800GBASE-DR4-2 (Cl 181)",
    0x79: "800GBASE-FR4-500 (Cl 183)",
    0x7A: "800GBASE-FR4 (Cl 183)",
    0x7B: "800GBASE-LR4 (Cl 183)",
    0x7C: "800GBASE-LR1",
    0x7D: "800GBASE-ER1-20",
    0x7E: "800GBASE-ER1",
    0x7F: "1.6TBASE-DR8 (Cl 180)",
    0x80: "1.6TBASE-DR8-2 (Cl 181)",
    # Open XR Optics
    0x81: "XR400-16QAM (Open XR)",
    0x82: "XR300-8QAM (Open XR)",
    0x83: "XR200-QPSK (Open XR)",
    0x84: "XR200-16QAM (Open XR)",
    0x85: "XR100-QPSK (Open XR)",
    0x86: "XR100-16QAM (Open XR)",
    0x87: "XR400-WS-16QAM (Open XR)",
    0x88: "XR200-WS-QPSK (Open XR)",
    0x89: "XR200-WS-16QAM (Open XR)",
    0x8A: "XR100-WS-QPSK (Open XR)",
    0x8B: "XR100-WS-16QAM (Open XR)",
    0x8C: "XR200-WS-BIDI-16QAM (Open XR)",
    0x8D: "XR100-WS-BIDI-QPSK (Open XR)",
    0x8E: "XR100-WS-BIDI-16QAM (Open XR)",
    # Linear pluggable optics
    0x8F: "100G-DR1-LPO (LPO MSA)",
    0x90: "200G-DR2-LPO (LPO MSA)",
    0x91: "400G-DR4-LPO (LPO MSA)",
    0x92: "800G-DR8-LPO (LPO MSA)",
    0x93: "400G-FR4-LPO (LPO MSA)",  # Rev 4.14
}

# ---------------------------------------------------------------------------------------------
# Tables 4-8 .. 4-10: copper, active cable and BASE-T media interface IDs (MediaType 0x03-0x05)
# ---------------------------------------------------------------------------------------------

MEDIA_PASSIVE_COPPER: Final[dict[int, str]] = {
    0x00: "Undefined",
    0x01: "Copper cable",
    0xBF: "Passive loopback module",
    # Two sources (both recent) list this one; it sits where the custom range would start.
    0xC0: "Linear active copper loopback module",
}

MEDIA_ACTIVE_CABLE: Final[dict[int, str]] = {
    0x00: "Undefined",
    0x01: "Active cable assembly, BER < 1e-12",
    0x02: "Active cable assembly, BER < 5e-5",
    0x03: "Active cable assembly, BER < 2.6e-4",
    0x04: "Active cable assembly, BER < 1e-6",
    0xBF: "Active loopback module",
}

MEDIA_BASE_T: Final[dict[int, str]] = {
    0x00: "Undefined",
    0x01: "1000BASE-T (Cl 40)",
    0x02: "2.5GBASE-T (Cl 126)",
    0x03: "5GBASE-T (Cl 126)",
    0x04: "10GBASE-T (Cl 55)",
    0x05: "25GBASE-T (Cl 113)",
    0x06: "40GBASE-T (Cl 113)",
    0x07: "50GBASE-T",
}

MEDIA_TABLES: Final[dict[int, dict[int, str]]] = {
    MediaType.OPTICAL_MMF: MEDIA_MMF,
    MediaType.OPTICAL_SMF: MEDIA_SMF,
    MediaType.PASSIVE_COPPER: MEDIA_PASSIVE_COPPER,
    MediaType.ACTIVE_CABLE: MEDIA_ACTIVE_CABLE,
    MediaType.BASE_T: MEDIA_BASE_T,
}

MEDIA_VENDOR_RANGE: Final = range(0xC0, 0x100)

# ---------------------------------------------------------------------------------------------
# Implied lane counts (CMIS application descriptor byte +2: a lane-count nibble of 0 means
# "implied by the interface ID"). Explicit tables, not derived from names: a trailing digit is
# not always a lane count (SR4.2 = 4 fibre pairs x 2 wavelengths, "CWDM4" = 4 wavelengths on one
# fibre, OTN ".n" suffixes are lane counts but G.959.1 codes put them first). Codes whose count
# depends on the port width (InfiniBand, CPRI, PCIe), BiDi/SWDM optics, cables and BASE-T are
# left out on purpose and return None. Coherent (ZR/ZR+/DO/800ZR) and single-wavelength
# interfaces count one media lane.
# ---------------------------------------------------------------------------------------------


def _lanes(count: int, *codes: int) -> dict[int, int]:
    return dict.fromkeys(codes, count)


HOST_LANE_COUNTS: Final[dict[int, int]] = {
    **_lanes(1, 0x01, 0x03, 0x04, 0x05, 0x0A, 0x14, 0x15, 0x16, 0x18, 0x1E, 0x20),
    **_lanes(1, 0x25, 0x26, 0x27, 0x28, 0x29, 0x4A, 0x46, 0x4B, 0x4C, 0x80, 0x90, 0x91, 0x98),
    **_lanes(1, 0xB0, 0xB3, 0xB5),
    **_lanes(2, 0x08, 0x09, 0x0D, 0x1B, 0x1F, 0x21, 0x3C, 0x43, 0x44, 0x45, 0x47, 0x4D, 0x4E),
    **_lanes(2, 0x53, 0x81, 0x92, 0x93, 0x99),
    **_lanes(4, 0x02, 0x06, 0x07, 0x0B, 0x0C, 0x0F, 0x13, 0x17, 0x1A, 0x1C, 0x22, 0x2A, 0x2B),
    **_lanes(4, 0x37, 0x39, 0x3A, 0x3B, 0x3E, 0x41, 0x42, 0x48, 0x4F, 0x50, 0x57, 0x82, 0x94),
    **_lanes(4, 0x95, 0x9A, 0xB1, 0xB4, 0xB6),
    **_lanes(8, 0x0E, 0x11, 0x1D, 0x23, 0x3D, 0x40, 0x49, 0x51, 0x52, 0x58, 0x83, 0x96, 0x97),
    **_lanes(8, 0x9B, 0xB2),
    **_lanes(10, 0x19, 0x38),
    **_lanes(16, 0x10, 0x3F, 0x55, 0x56),
}

MEDIA_LANE_COUNTS: Final[dict[int, dict[int, int]]] = {
    MediaType.OPTICAL_MMF: {
        **_lanes(1, 0x01, 0x02, 0x03, 0x07, 0x0D, 0x13, 0x14, 0x15, 0x16, 0x17, 0x1C, 0x1D),
        **_lanes(2, 0x0C, 0x1B, 0x1E),
        **_lanes(4, 0x04, 0x09, 0x0E, 0x11, 0x18, 0x19, 0x1F),
        **_lanes(8, 0x10, 0x12, 0x20),
        **_lanes(10, 0x08),
        **_lanes(16, 0x0F),
    },
    MediaType.OPTICAL_SMF: {
        **_lanes(1, *range(0x01, 0x09), 0x0A, 0x0B, 0x0C, 0x14, 0x15, 0x16),
        **_lanes(1, *range(0x1F, 0x24), *range(0x35, 0x40)),
        **_lanes(1, 0x40, *range(0x44, 0x4A), *range(0x4A, 0x55), *range(0x58, 0x6F)),
        **_lanes(1, 0x70, 0x71, 0x72, 0x73, 0x74, 0x7C, 0x7D, 0x7E, 0x8F),
        **_lanes(2, 0x75, 0x76, 0x90),
        **_lanes(4, 0x09, 0x0D, 0x0E, *range(0x0F, 0x14), 0x17, 0x18, 0x19, 0x1C, 0x1D, 0x1E),
        **_lanes(4, 0x24, 0x26, *range(0x2C, 0x32), 0x34, 0x41, 0x43, 0x55, 0x6F),
        **_lanes(4, 0x77, 0x78, 0x79, 0x7A, 0x7B, 0x91, 0x93),
        **_lanes(8, 0x1A, 0x1B, 0x32, 0x33, 0x42, 0x56, 0x57, 0x7F, 0x80, 0x92),
    },
}

# ---------------------------------------------------------------------------------------------
# Lookups: pure, total over every int (codes outside 0-255 are reported, never raised on)
# ---------------------------------------------------------------------------------------------


def _hex(code: int) -> str:
    return f"0x{code:02X}" if 0 <= code <= 0xFF else str(code)


def _unknown(code: int) -> str:
    return f"unknown ({_hex(code)})"


def _vendor(code: int) -> str:
    return f"vendor specific ({_hex(code)})"


def _lookup(table: dict[int, str], vendor: range, code: int) -> str:
    name = table.get(code)
    if name is not None:
        return name
    if code in vendor:
        return _vendor(code)
    return _unknown(code)


def identifier_name(code: int) -> str:
    """Module type for lower byte 0, e.g. 0x18 -> "QSFP-DD Double Density 8X ..."."""
    return _lookup(IDENTIFIER_NAMES, IDENTIFIER_VENDOR_RANGE, code)


def connector_name(code: int) -> str:
    """Connector for page 00h byte 203, e.g. 0x28 -> "MPO 1x16"."""
    return _lookup(CONNECTOR_NAMES, CONNECTOR_VENDOR_RANGE, code)


def media_type_name(code: int) -> str:
    """Media type for lower byte 85, e.g. 0x02 -> "Optical: single-mode fiber (SMF)"."""
    return _lookup(MEDIA_TYPE_NAMES, MEDIA_TYPE_VENDOR_RANGE, code)


def host_interface_name(code: int) -> str:
    """Host electrical interface ID (descriptor byte +0), e.g. 0x51 -> "800GAUI-8-S C2M ..."."""
    return _lookup(HOST_ELECTRICAL, HOST_VENDOR_RANGE, code)


def media_interface_name(media_type: int, code: int) -> str:
    """Media interface ID (descriptor byte +1) read through the table ``media_type`` selects.

    With an undefined, reserved or custom media type no table applies and every code is unknown.
    """
    table = MEDIA_TABLES.get(media_type)
    if table is None:
        return _unknown(code)
    return _lookup(table, MEDIA_VENDOR_RANGE, code)


def host_lane_count_default(code: int) -> int | None:
    """Host lane count implied by a host interface ID (``None`` when it is not fixed/known)."""
    return HOST_LANE_COUNTS.get(code)


def media_lane_count_default(media_type: int, code: int) -> int | None:
    """Media lane count implied by a media interface ID (``None`` when not fixed/known)."""
    return MEDIA_LANE_COUNTS.get(media_type, {}).get(code)
