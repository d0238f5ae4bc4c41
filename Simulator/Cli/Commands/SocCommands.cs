using System.ComponentModel;
using NodeSim.Models;
using NodeSim.Models.Soc;
using NodeSim.Orchestration;
using Spectre.Console;
using Spectre.Console.Cli;
using NodeSim.Cli.Conventions;

namespace NodeSim.Cli.Commands;

/// <summary><c>nodesim soc presets</c>: the SoC presets and every parameter.</summary>
public sealed class SocPresetsCommand(Registries registries) : Command<SocPresetsCommand.Settings>
{
    public sealed class Settings : JsonSettings;

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Json)
        {
            Terminal.WriteJson(registries.Models.Socs.All.Select(preset => (Preset: preset, p: preset.Model)).Select(x => new
            {
                name = x.p.Name, description = x.p.Description, cores = x.p.Cores, frequency_hz = x.p.FrequencyHz,
                l1d = Cache(x.p.L1D), l1i = Cache(x.p.L1I), l2 = Cache(x.p.L2), dram_latency_ns = x.p.DramLatencyNs, dram_cycles = x.p.DramCycles,
                l1d_tlb = Tlb(x.p.L1DTlb), l1i_tlb = Tlb(x.p.L1ITlb), main_tlb = Tlb(x.p.MainTlb), main_tlb_hit_cycles = x.p.MainTlbHitCycles,
                stage1_walk_cache = Tlb(x.p.Stage1WalkCache), ipa_cache = Tlb(x.p.IpaCache), walk_cache_hit_cycles = x.p.WalkCacheHitCycles,
                physical_address_bits = x.p.PhysicalAddressBits, virtual_address_bits = x.p.VirtualAddressBits,
                parameters = x.Preset.Values().Select(v => ParameterRows.Json(v.Path, v.Parameter, v.Value, v.Source)),
            }));
            return ExitCodes.Success;
        }
        foreach (var p in registries.Models.Socs.All.Select(preset => preset.Model))
        {
            var t = new Table().Title(Terminal.Cell($"{p.Name}: {p.Description}")).AddColumn("parameter").AddColumn("value");
            t.AddRow("cores × clock", $"{p.Cores} × {p.FrequencyHz / 1e9:G4} GHz");
            t.AddRow("L1 D / I", $"{CacheText(p.L1D)} / {CacheText(p.L1I)}");
            t.AddRow("L2 (shared)", CacheText(p.L2));
            t.AddRow("DRAM", $"{p.DramLatencyNs} ns = {p.DramCycles} cycles");
            t.AddRow("L1 D / I TLB", $"{TlbText(p.L1DTlb)} / {TlbText(p.L1ITlb)}");
            t.AddRow("main TLB", $"{TlbText(p.MainTlb)}, hit after an L1 miss {p.MainTlbHitCycles} cycles");
            t.AddRow("stage-1 walk cache / IPA cache", $"{TlbText(p.Stage1WalkCache)} / {TlbText(p.IpaCache)}, hit {p.WalkCacheHitCycles} cycles");
            t.AddRow("address bits (VA / PA)", $"{p.VirtualAddressBits} / {p.PhysicalAddressBits}");
            Terminal.Out.Write(t);
        }
        foreach (var preset in registries.Models.Socs.All)
            Terminal.Out.Write(ParameterRows.Table($"{preset.Name}: every parameter (soc.* in scenarios) and its source", preset.Values()));
        return ExitCodes.Success;
    }

    private static object Cache(CacheSpec c) => new { size_bytes = c.SizeBytes, ways = c.Ways, line_bytes = c.LineBytes, hit_cycles = c.HitCycles };
    private static object Tlb(TlbSpec t) => new { entries = t.Entries, ways = t.FullyAssociative ? t.Entries : t.Ways, fully_associative = t.FullyAssociative, max_page_bytes = t.MaxPageBytes };
    private static string CacheText(CacheSpec c) => $"{ByteSize.Format(c.SizeBytes)} {c.Ways}-way {c.LineBytes} B lines, {c.HitCycles} cycles";
    private static string TlbText(TlbSpec t) => $"{t.Entries} entries {(t.FullyAssociative ? "fully associative" : $"{t.Ways}-way")}";
}

/// <summary><c>nodesim soc characterize</c>: translation and cache cost of an access pattern.</summary>
public sealed class SocCharacterizeCommand(Registries registries) : Command<SocCharacterizeCommand.Settings>
{
    public sealed class Settings : JsonSettings
    {
        [CommandOption("--preset <NAME>")]
        [Description("SoC preset: {presets}.")]
        [DefaultValue("pine-a64")]
        public string Preset { get; init; } = "pine-a64";

        [CommandOption("--pattern <PATTERN>")]
        [Description("The access pattern, as a profile's pattern names it: {patterns} (seq and stride are short for the first two).")]
        [DefaultValue("random")]
        public string Pattern { get; init; } = "random";

        [CommandOption("--working-set <SIZE>")]
        [Description("Bytes the pattern ranges over, e.g. 256MiB (at most 4GiB).")]
        [DefaultValue("256MiB")]
        public string WorkingSet { get; init; } = "256MiB";

        [CommandOption("--stage1-page <SIZE>")]
        [Description("The kernel's page size: 4k or 2m.")]
        [DefaultValue("4k")]
        public string Stage1Page { get; init; } = "4k";

        [CommandOption("--stage2 <MODE>")]
        [Description("The hypervisor's stage-2 map: off, 4k, 2m or 1g.")]
        [DefaultValue("off")]
        public string Stage2 { get; init; } = "off";

        [CommandOption("--accesses <N>")]
        [Description("Measured accesses (after a quarter as many to warm up).")]
        [DefaultValue(1_000_000)]
        public int Accesses { get; init; } = 1_000_000;

        [CommandOption("--stride <SIZE>")]
        [Description("Stride of the stride pattern.")]
        [DefaultValue("256")]
        public string Stride { get; init; } = "256";

        [CommandOption("--seed <SEED>")]
        [Description("Seed of the random address streams (the gups pattern's draws); the same seed gives the same characterisation.")]
        [DefaultValue(1UL)]
        public ulong Seed { get; init; } = 1;

        [CommandOption("--no-walk-caches")]
        [Description("Turn the stage-1 walk cache and the IPA cache off.")]
        public bool NoWalkCaches { get; init; }

        [CommandOption("--no-data-caches")]
        [Description("Send every access and descriptor read to DRAM.")]
        public bool NoDataCaches { get; init; }


        /// <summary>The most accesses one characterisation simulates: about 20 s at the ~5 M accesses/s of this machine (bench soc).</summary>
        public const int MaxAccesses = 100_000_000;

        public override ValidationResult Validate() => Accesses is < 1 or > MaxAccesses
            ? ValidationResult.Error($"--accesses must be 1 to {MaxAccesses:N0} (about 20 s of simulation; the default 1,000,000 already gives rates to 3 digits)")
            : ValidationResult.Success();
    }

    public static readonly IReadOnlyDictionary<string, Stage2Mode> Stage2Modes = new Dictionary<string, Stage2Mode>
    {
        ["off"] = Stage2Mode.Off, ["4k"] = Stage2Mode.Pages4K, ["2m"] = Stage2Mode.Blocks2M, ["1g"] = Stage2Mode.Blocks1G,
    };

    public override int Execute(CommandContext context, Settings s, CancellationToken cancellationToken)
    {
        var preset = Choices.Named(registries.Models.Socs, s.Preset, "--preset").Model;
        var pattern = AccessPatterns.Find(s.Pattern)
            ?? throw new UserInputException($"--pattern: {UnknownName.Message("pattern", s.Pattern, AccessPatterns.Names.Select(n => n.Name))}");
        var stage2 = Lookup(Stage2Modes, s.Stage2, "--stage2");
        var page = ByteSize.Parse(s.Stage1Page, "--stage1-page");
        if (page is not (4096 or 2 << 20)) throw new UserInputException($"--stage1-page: '{s.Stage1Page}' is not a stage-1 page size; expected 4k or 2m");
        var workingSet = ByteSize.Parse(s.WorkingSet, "--working-set");
        if (workingSet is < 64 or > Models.Soc.AddressSpace.MaxWorkingSetBytes)
            throw new UserInputException($"--working-set: '{s.WorkingSet}' is outside 64B to 4GiB");
        var request = new CharacterizationRequest(pattern, workingSet, page, stage2, s.Accesses, -1, s.Seed, !s.NoWalkCaches, !s.NoDataCaches,
            ByteSize.Parse(s.Stride, "--stride"));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // A long characterisation shows its progress (heard every million accesses) after a second; a short one just runs.
        var c = ProgressDisplay.Fraction($"{s.Accesses:N0} accesses", progress =>
            SocCharacterizer.Run(preset, request, progress));
        var seconds = clock.Elapsed.TotalSeconds;
        if (s.Json)
        {
            Terminal.WriteJson(new
            {
                preset = preset.Name, pattern = s.Pattern, working_set_bytes = workingSet, stage1_page_bytes = page, stage2 = s.Stage2,
                accesses = s.Accesses, translation_cycles_per_access = c.TranslationCyclesPerAccess, cache_cycles_per_access = c.CacheCyclesPerAccess,
                l1_tlb_miss_rate = c.L1TlbMissRate, l2_tlb_miss_rate = c.L2TlbMissRate, main_tlb_misses_per_access = c.MainTlbMissesPerAccess,
                walk_refs_per_miss = c.WalkRefsPerMiss, cycles_per_walk = c.CyclesPerWalk, l1d_miss_rate = c.L1DMissRate, l2_miss_rate = c.L2MissRate,
                stage1_levels = c.Stage1Levels, stage2_levels = c.Stage2Levels, simulation_s = seconds,
            });
            return ExitCodes.Success;
        }
        var t = new Table().Title(Terminal.Cell($"{preset.Name}: {s.Pattern} over {ByteSize.Format(workingSet)}, stage-1 {s.Stage1Page} pages, stage 2 {s.Stage2}"))
            .AddColumn("statistic").AddColumn(new TableColumn("value").RightAligned()).AddColumn("unit").AddColumn("meaning");
        foreach (var (name, value, unit, description) in c.Statistics()) t.AddRow(name, $"{value:G4}", unit, Terminal.Cell(description));
        Terminal.Out.Write(t);
        Terminal.Out.MarkupLine($"walk depth {c.Stage1Levels} × {c.Stage2Levels} levels; {s.Accesses:N0} accesses simulated in {seconds:F2} s");
        return ExitCodes.Success;
    }

    private static T Lookup<T>(IReadOnlyDictionary<string, T> table, string text, string option) =>
        table.TryGetValue(text.ToLowerInvariant(), out var value) ? value
            : throw new UserInputException($"{option}: {UnknownName.Message("value", text, table.Keys)}");
}
