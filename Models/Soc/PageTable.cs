namespace NodeSim.Models.Soc;

/// <summary>
/// A region of memory holding 4 KB translation tables of 512 eight-byte descriptors, as the
/// walker reads them. Tables are allocated consecutively from <see cref="Base"/>.
/// </summary>
public sealed class TableMemory(ulong baseAddress)
{
    private ulong[][] _tables = new ulong[16][];

    public ulong Base { get; } = baseAddress;
    public int Tables { get; private set; }

    /// <summary>Allocates <paramref name="count"/> consecutive zeroed tables (several for a concatenated root) and returns the first's address.</summary>
    public ulong Allocate(int count = 1)
    {
        var address = Base + (ulong)Tables * PageTable.TableBytes;
        for (var i = 0; i < count; i++)
        {
            if (Tables == _tables.Length) Array.Resize(ref _tables, Tables * 2);
            _tables[Tables++] = new ulong[PageTable.EntriesPerTable];
        }
        return address;
    }

    public bool Holds(ulong address) => address >= Base && address < Base + (ulong)Tables * PageTable.TableBytes;

    public ulong Read(ulong address) => _tables[(int)((address - Base) >> 12)][(address >> 3) & 511];

    public void Write(ulong address, ulong descriptor) => _tables[(int)((address - Base) >> 12)][(address >> 3) & 511] = descriptor;
}

/// <summary>
/// One stage of ARMv8-A translation with the 4 KB granule: a radix tree of tables from a start
/// level to level 3. Level L resolves input bits [shift(L)+8 : shift(L)] with shift(L) = 12 + 9·(3 − L);
/// a descriptor is a table (level &lt; 3, low bits 0b11), a block (levels 1–2, 0b01, 1 GB or 2 MB)
/// or a page (level 3, 0b11, 4 KB). The root may be several concatenated tables (stage 2).
/// </summary>
public sealed class PageTable
{
    public const int TableBytes = 4096;
    public const int EntriesPerTable = 512;
    public const ulong OutputMask = 0x0000_FFFF_FFFF_F000;
    private const ulong TypeTableOrPage = 0b11;
    private const ulong TypeBlock = 0b01;

    private PageTable(TableMemory memory, int startLevel, int rootTables, int inputBits)
    {
        Memory = memory;
        StartLevel = startLevel;
        RootTables = rootTables;
        InputBits = inputBits;
        Root = memory.Allocate(rootTables);
    }

    /// <summary>Where the tables live (IPA space for stage 1 under a hypervisor, PA space for stage 2).</summary>
    public TableMemory Memory { get; }
    public int StartLevel { get; }
    public int RootTables { get; }
    public int InputBits { get; }
    public ulong Root { get; }

    /// <summary>Levels a walk reads when every mapping is a 4 KB page.</summary>
    public int Levels => 4 - StartLevel;

    /// <summary>A stage-1 table for a VA of <paramref name="vaBits"/> bits: 39 → levels 1–3, 48 → levels 0–3.</summary>
    public static PageTable Stage1(TableMemory memory, int vaBits) =>
        vaBits switch
        {
            39 => new PageTable(memory, 1, 1, 39),
            48 => new PageTable(memory, 0, 1, 48),
            _ => throw new ArgumentOutOfRangeException(nameof(vaBits), vaBits, "stage 1 with a 4 KB granule takes a 39- or 48-bit VA"),
        };

    /// <summary>
    /// A stage-2 table for a PA of <paramref name="paBits"/> bits. Up to 43 bits start at level 1
    /// with 2^(bits − 39) concatenated root tables (40 bits: 2 tables, 3 levels); more start at level 0 (4 levels).
    /// </summary>
    public static PageTable Stage2(TableMemory memory, int paBits) =>
        paBits <= 43
            ? new PageTable(memory, 1, 1 << Math.Max(0, paBits - 39), paBits)
            : new PageTable(memory, 0, 1, paBits);

    public static int Shift(int level) => 12 + 9 * (3 - level);

    /// <summary>The address of the descriptor for <paramref name="input"/> in the table at <paramref name="table"/>, level <paramref name="level"/>.</summary>
    public ulong DescriptorAddress(ulong table, int level, ulong input)
    {
        var entries = level == StartLevel ? (ulong)(EntriesPerTable * RootTables) : EntriesPerTable;
        return table + ((input >> Shift(level)) & (entries - 1)) * 8;
    }

    public static bool IsTable(ulong descriptor, int level) => level < 3 && (descriptor & 0b11) == TypeTableOrPage;
    public static bool IsValid(ulong descriptor) => (descriptor & 1) != 0;

    /// <summary>Maps the <paramref name="pageBytes"/>-sized region at <paramref name="input"/> to <paramref name="output"/> (4 KB page, 2 MB or 1 GB block), creating tables on the way.</summary>
    public void Map(ulong input, ulong output, long pageBytes)
    {
        var leafLevel = pageBytes switch
        {
            4096 => 3,
            2 << 20 => 2,
            1 << 30 => 1,
            _ => throw new ArgumentOutOfRangeException(nameof(pageBytes), pageBytes, "pages are 4 KB, 2 MB or 1 GB"),
        };
        if (leafLevel < Math.Max(StartLevel, 1)) throw new ArgumentOutOfRangeException(nameof(pageBytes), pageBytes, "a block cannot sit at the root of this table");
        var mask = (ulong)pageBytes - 1;
        if ((input & mask) != 0 || (output & mask) != 0) throw new ArgumentException($"addresses must be aligned to the {pageBytes}-byte page");
        if (input >> InputBits != 0) throw new ArgumentOutOfRangeException(nameof(input), input, $"input address beyond {InputBits} bits");
        var table = Root;
        for (var level = StartLevel; level < leafLevel; level++)
        {
            var at = DescriptorAddress(table, level, input);
            var d = Memory.Read(at);
            if (!IsValid(d))
            {
                var next = Memory.Allocate();
                Memory.Write(at, next | TypeTableOrPage);
                table = next;
            }
            else if (IsTable(d, level)) table = d & OutputMask;
            else throw new InvalidOperationException($"a block already covers 0x{input:x} at level {level}");
        }
        Memory.Write(DescriptorAddress(table, leafLevel, input), output | (leafLevel == 3 ? TypeTableOrPage : TypeBlock));
    }

    /// <summary>Translates with no caches (a reference walk, for tests and checks): output address and page size, or null if unmapped.</summary>
    public (ulong Output, int Shift)? Translate(ulong input)
    {
        var table = Root;
        for (var level = StartLevel; level <= 3; level++)
        {
            var d = Memory.Read(DescriptorAddress(table, level, input));
            if (!IsValid(d)) return null;
            if (IsTable(d, level))
            {
                table = d & OutputMask;
                continue;
            }
            var shift = Shift(level);
            return ((d & OutputMask & ~((1UL << shift) - 1)) | (input & ((1UL << shift) - 1)), shift);
        }
        return null;
    }
}
