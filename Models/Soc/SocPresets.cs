using NodeSim.Models.Parameters;

namespace NodeSim.Models.Soc;

/// <summary>
/// The built-in SoC presets, each value with its source: the Arm Cortex-A53 and Cortex-A72
/// Technical Reference Manuals (TRM), the Allwinner A64 and Broadcom BCM2711 documentation, and
/// NodeSim's design guide (§3.1), which collected the latency figures. To add a SoC: declare its
/// preset and register it in <see cref="Registries.ModelCatalogue.BuiltIn"/>.
/// </summary>
public static class SocPresets
{
    /// <summary>Pine A64 (Allwinner A64): the likely board of the ROSS 2021 paper.</summary>
    public static readonly Preset<SocPreset> PineA64Preset = new("pine-a64", "Pine A64: Allwinner A64, 4× Arm Cortex-A53 @ 1.152 GHz",
        new SocPreset(
            Name: "pine-a64",
            Description: "Pine A64: Allwinner A64, 4× Arm Cortex-A53 @ 1.152 GHz",
            Cores: 4,
            FrequencyHz: 1.152e9,
            L1D: new CacheSpec(32 * 1024, 4, 64, 3),
            L1I: new CacheSpec(32 * 1024, 2, 64, 3),
            L2: new CacheSpec(512 * 1024, 16, 64, 13),
            DramLatencyNs: 150,
            L1DTlb: new TlbSpec(10, 0),
            L1ITlb: new TlbSpec(10, 0),
            MainTlb: new TlbSpec(512, 4, 512L << 20),
            MainTlbHitCycles: 2,
            Stage1WalkCache: new TlbSpec(64, 4),
            IpaCache: new TlbSpec(64, 4),
            WalkCacheHitCycles: 2,
            PhysicalAddressBits: 40,
            VirtualAddressBits: 39),
        new Dictionary<string, Source>
        {
            ["cores"] = Source.Cited("Allwinner A64: quad-core Cortex-A53"),
            ["frequency_hz"] = Source.Cited("Allwinner A64: 1.152 GHz"),
            ["dram_latency_ns"] = Source.Cited("design guide §3.1: DRAM ~150 ns"),
            ["l1_d"] = Source.Cited("A53 TRM: 4-way, 64 B lines; A64: 32 KB; 3-cycle load-to-use (design guide)"),
            ["l1_i"] = Source.Cited("A53 TRM: 2-way, 64 B lines; A64: 32 KB; 3 cycles (design guide)"),
            ["l2"] = Source.Cited("A64: 512 KB shared; A53 TRM: 16-way, 64 B lines; 13 cycles (design guide)"),
            ["l1_dtlb"] = Source.Cited("A53 TRM: 10-entry fully associative micro-TLB"),
            ["l1_itlb"] = Source.Cited("A53 TRM: 10-entry fully associative micro-TLB"),
            ["main_tlb"] = Source.Cited("A53 TRM: 512-entry 4-way; 1 GB blocks cached as 512 MB"),
            ["main_tlb_hit_cycles"] = Source.Cited("design guide: micro-TLB miss with main-TLB hit, 2 cycles"),
            ["stage1_walk_cache"] = Source.Cited("A53 TRM: 64-entry 4-way walk cache"),
            ["ipa_cache"] = Source.Cited("A53 TRM: 64-entry 4-way IPA cache"),
            ["walk_cache_hit_cycles"] = Source.Assume("as a main-TLB hit"),
            ["physical_address_bits"] = Source.Cited("A53 TRM: 40-bit PA"),
            ["virtual_address_bits"] = Source.Cited("design guide: 39-bit VA, 4 KB granule, 3 levels (Linux and Kitten arm64 default)"),
        });

    /// <summary>Raspberry Pi 4 (Broadcom BCM2711).</summary>
    public static readonly Preset<SocPreset> Rpi4Preset = new("rpi4", "Raspberry Pi 4: Broadcom BCM2711, 4× Arm Cortex-A72 @ 1.5 GHz",
        new SocPreset(
            Name: "rpi4",
            Description: "Raspberry Pi 4: Broadcom BCM2711, 4× Arm Cortex-A72 @ 1.5 GHz",
            Cores: 4,
            FrequencyHz: 1.5e9,
            L1D: new CacheSpec(32 * 1024, 2, 64, 4),
            L1I: new CacheSpec(48 * 1024, 3, 64, 4),
            L2: new CacheSpec(1024 * 1024, 16, 64, 20),
            DramLatencyNs: 120,
            L1DTlb: new TlbSpec(32, 0),
            L1ITlb: new TlbSpec(48, 0),
            MainTlb: new TlbSpec(1024, 4),
            MainTlbHitCycles: 2,
            Stage1WalkCache: new TlbSpec(64, 4),
            IpaCache: new TlbSpec(64, 4),
            WalkCacheHitCycles: 2,
            PhysicalAddressBits: 44,
            VirtualAddressBits: 39),
        new Dictionary<string, Source>
        {
            ["cores"] = Source.Cited("BCM2711: quad-core Cortex-A72"),
            ["frequency_hz"] = Source.Cited("BCM2711: 1.5 GHz"),
            ["dram_latency_ns"] = Source.Cited("design guide §3.1: DRAM ~120 ns"),
            ["l1_d"] = Source.Cited("A72 TRM: 32 KB 2-way, 64 B lines; 4 cycles (design guide)"),
            ["l1_i"] = Source.Cited("A72 TRM: 48 KB 3-way (256 sets × 3 × 64 B); 4 cycles (design guide)"),
            ["l2"] = Source.Cited("BCM2711: 1 MB; A72 TRM: 16-way, 64 B lines; ~20 cycles (design guide)"),
            ["l1_dtlb"] = Source.Cited("A72 TRM: 32-entry fully associative L1 data TLB"),
            ["l1_itlb"] = Source.Cited("A72 TRM: 48-entry fully associative L1 instruction TLB"),
            ["main_tlb"] = Source.Cited("A72 TRM: 1024-entry 4-way unified L2 TLB; 1 GB blocks cached whole"),
            ["main_tlb_hit_cycles"] = Source.Assume("as on the A53"),
            ["stage1_walk_cache"] = Source.Assume("the design guide gives none for the A72; as the A53"),
            ["ipa_cache"] = Source.Assume("as the A53"),
            ["walk_cache_hit_cycles"] = Source.Assume("as a main-TLB hit"),
            ["physical_address_bits"] = Source.Cited("A72 TRM: 44-bit PA"),
            ["virtual_address_bits"] = Source.Cited("39-bit VA, 4 KB granule (Raspberry Pi OS arm64 kernel default)"),
        });

    public static SocPreset PineA64 => PineA64Preset.Model;
    public static SocPreset Rpi4 => Rpi4Preset.Model;
}
