namespace NodeSim.Models.Soc;

/// <summary>
/// The built-in SoC presets. Sources: the Arm Cortex-A53 and Cortex-A72 Technical Reference
/// Manuals (TRM), the Allwinner A64 and Broadcom BCM2711 board documentation, and NodeSim's
/// design guide (§3.1), which collected the latency figures. Values a source does not give are
/// marked "assumed".
/// </summary>
public static class SocPresets
{
    /// <summary>
    /// Pine A64 (Allwinner A64): the likely board of the ROSS 2021 paper.
    /// </summary>
    public static readonly SocPreset PineA64 = new(
        Name: "pine-a64",
        Description: "Pine A64: Allwinner A64, 4× Arm Cortex-A53 @ 1.152 GHz",
        Cores: 4,                                        // A64: quad-core Cortex-A53
        FrequencyHz: 1.152e9,                            // A64: 1.152 GHz
        L1D: new CacheSpec(32 * 1024, 4, 64, 3),         // A53 TRM: 4-way, 64 B lines; A64: 32 KB; 3-cycle load-to-use (design guide)
        L1I: new CacheSpec(32 * 1024, 2, 64, 3),         // A53 TRM: 2-way; A64: 32 KB
        L2: new CacheSpec(512 * 1024, 16, 64, 13),       // A64: 512 KB shared; A53 TRM: 16-way; 13 cycles (design guide)
        DramLatencyNs: 150,                              // design guide: ~150 ns
        L1DTlb: new TlbSpec(10, 0),                      // A53 TRM: 10-entry fully associative micro-TLB
        L1ITlb: new TlbSpec(10, 0),                      // A53 TRM: 10-entry fully associative micro-TLB
        MainTlb: new TlbSpec(512, 4, 512L << 20),        // A53 TRM: 512-entry 4-way; 1 GB blocks cached as 512 MB
        MainTlbHitCycles: 2,                             // design guide: micro-TLB miss with main-TLB hit, 2 cycles
        Stage1WalkCache: new TlbSpec(64, 4),             // A53 TRM: 64-entry 4-way walk cache
        IpaCache: new TlbSpec(64, 4),                    // A53 TRM: 64-entry 4-way IPA cache
        WalkCacheHitCycles: 2,                           // assumed: as a main-TLB hit
        PhysicalAddressBits: 40,                         // A53 TRM: 40-bit PA
        VirtualAddressBits: 39);                         // 39-bit VA, 4 KB granule, 3 levels (design guide; Linux/Kitten arm64 default)

    /// <summary>Raspberry Pi 4 (Broadcom BCM2711).</summary>
    public static readonly SocPreset Rpi4 = new(
        Name: "rpi4",
        Description: "Raspberry Pi 4: Broadcom BCM2711, 4× Arm Cortex-A72 @ 1.5 GHz",
        Cores: 4,                                        // BCM2711: quad-core Cortex-A72
        FrequencyHz: 1.5e9,                              // BCM2711: 1.5 GHz
        L1D: new CacheSpec(32 * 1024, 2, 64, 4),         // A72 TRM: 32 KB 2-way; 4 cycles (design guide)
        L1I: new CacheSpec(48 * 1024, 3, 64, 4),         // A72 TRM: 48 KB 3-way (3-way: 256 sets × 3 × 64 B)
        L2: new CacheSpec(1024 * 1024, 16, 64, 20),      // BCM2711: 1 MB; A72 TRM: 16-way; ~20 cycles (design guide)
        DramLatencyNs: 120,                              // design guide: ~120 ns
        L1DTlb: new TlbSpec(32, 0),                      // A72 TRM: 32-entry fully associative L1 data TLB
        L1ITlb: new TlbSpec(48, 0),                      // A72 TRM: 48-entry fully associative L1 instruction TLB
        MainTlb: new TlbSpec(1024, 4),                   // A72 TRM: 1024-entry 4-way unified L2 TLB
        MainTlbHitCycles: 2,                             // assumed: as on the A53
        Stage1WalkCache: new TlbSpec(64, 4),             // assumed: the design guide gives none for the A72; as the A53
        IpaCache: new TlbSpec(64, 4),                    // assumed: as the A53
        WalkCacheHitCycles: 2,                           // assumed
        PhysicalAddressBits: 44,                         // A72 TRM: 44-bit PA
        VirtualAddressBits: 39);                         // 39-bit VA, 4 KB granule (Raspberry Pi OS arm64 kernel default)

    public static IReadOnlyList<SocPreset> All { get; } = [PineA64, Rpi4];

    public static SocPreset? Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}
