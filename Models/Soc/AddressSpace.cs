namespace NodeSim.Models.Soc;

/// <summary>How the hypervisor maps a VM's intermediate physical addresses (stage 2).</summary>
public enum Stage2Mode
{
    /// <summary>No stage 2: the kernel runs on bare metal, IPA = PA.</summary>
    Off,
    /// <summary>An identity map of 4 KB pages.</summary>
    Pages4K,
    /// <summary>An identity map of 2 MB blocks.</summary>
    Blocks2M,
    /// <summary>An identity map of 1 GB blocks.</summary>
    Blocks1G,
}

/// <summary>
/// The translation tables of one workload: its data mapped at <see cref="DataVa"/> by a stage-1 table
/// (pages of <see cref="Stage1PageBytes"/>) to IPAs, and, under a hypervisor, every IPA the walk
/// touches (data and stage-1 tables) identity-mapped by a stage-2 table, as Hafnium maps its VMs.
/// </summary>
public sealed class AddressSpace
{
    /// <summary>Where the data starts in the virtual address space (1 GB aligned, below 2^39).</summary>
    public const ulong DataVa = 0x40_0000_0000;
    /// <summary>Where the data starts in IPA (= PA) space (1 GB aligned).</summary>
    public const ulong DataIpa = 0x2_0000_0000;
    /// <summary>Where the stage-1 tables live in IPA space.</summary>
    public const ulong Stage1TablesIpa = 0x1_0000_0000;
    /// <summary>Where the stage-2 tables live in PA space.</summary>
    public const ulong Stage2TablesPa = 0x4000_0000;
    public const long MaxWorkingSetBytes = 4L << 30;

    private AddressSpace(long workingSetBytes, long stage1PageBytes, Stage2Mode stage2, PageTable stage1, PageTable? stage2Table)
    {
        WorkingSetBytes = workingSetBytes;
        Stage1PageBytes = stage1PageBytes;
        Stage2 = stage2;
        Stage1 = stage1;
        Stage2Table = stage2Table;
    }

    public long WorkingSetBytes { get; }
    public long Stage1PageBytes { get; }
    public Stage2Mode Stage2 { get; }
    public PageTable Stage1 { get; }
    public PageTable? Stage2Table { get; }

    public static long Stage2PageBytes(Stage2Mode mode) => mode switch
    {
        Stage2Mode.Pages4K => 4096,
        Stage2Mode.Blocks2M => 2 << 20,
        Stage2Mode.Blocks1G => 1 << 30,
        Stage2Mode.Off => 0,
    };

    public static AddressSpace Build(SocPreset soc, long workingSetBytes, long stage1PageBytes, Stage2Mode stage2)
    {
        if (workingSetBytes is <= 0 or > MaxWorkingSetBytes)
            throw new ArgumentOutOfRangeException(nameof(workingSetBytes), workingSetBytes, "the working set must be between 1 byte and 4 GiB");
        if (stage1PageBytes is not (4096 or 2 << 20))
            throw new ArgumentOutOfRangeException(nameof(stage1PageBytes), stage1PageBytes, "stage-1 pages are 4 KB or 2 MB");
        var stage1 = PageTable.Stage1(new TableMemory(Stage1TablesIpa), soc.VirtualAddressBits);
        var mapped = RoundUp(workingSetBytes, stage1PageBytes);
        for (long offset = 0; offset < mapped; offset += stage1PageBytes)
            stage1.Map(DataVa + (ulong)offset, DataIpa + (ulong)offset, stage1PageBytes);

        PageTable? stage2Table = null;
        if (stage2 != Stage2Mode.Off)
        {
            var page = Stage2PageBytes(stage2);
            stage2Table = PageTable.Stage2(new TableMemory(Stage2TablesPa), soc.PhysicalAddressBits);
            IdentityMap(stage2Table, DataIpa, mapped, page);
            IdentityMap(stage2Table, Stage1TablesIpa, (long)stage1.Memory.Tables * PageTable.TableBytes, page);
        }
        return new AddressSpace(workingSetBytes, stage1PageBytes, stage2, stage1, stage2Table);
    }

    private static void IdentityMap(PageTable table, ulong start, long bytes, long page)
    {
        var first = start & ~((ulong)page - 1);
        var length = (ulong)RoundUp((long)(start - first) + bytes, page);
        for (var a = first; a < first + length; a += (ulong)page) table.Map(a, a, page);
    }

    private static long RoundUp(long x, long unit) => (x + unit - 1) / unit * unit;
}
