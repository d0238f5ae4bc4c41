using System.ComponentModel;
using System.Globalization;
using NodeSim.Files;
using NodeSim.Orchestration;
using NodeSim.Engine;
using NodeSim.Reporting.Baselines;
using Spectre.Console;
using Spectre.Console.Cli;
using NodeSim.Cli.Conventions;

namespace NodeSim.Cli.Commands;

/// <summary><c>nodesim baseline update</c>: reruns a campaign and rewrites its baseline, saying what changed.</summary>
public sealed class BaselineUpdateCommand(Registries registries, AtomicFile files) : Command<BaselineUpdateCommand.Settings>
{
    public const string DefaultCampaign = "Scenarios/ci.yaml";

    public sealed class Settings : JsonSettings
    {
        [CommandOption("--campaign <FILE>")]
        [Description("The campaign whose numbers become the baseline.")]
        [DefaultValue(DefaultCampaign)]
        public string Campaign { get; init; } = DefaultCampaign;

        [CommandOption("--baseline <FILE>")]
        [Description("The baseline to write (default: Results/baselines/<campaign>.csv).")]
        public string? Baseline { get; init; }

        [CommandOption("--out <DIR>")]
        [Description("Where the campaign's results go (default: Results/runs/<campaign>).")]
        public string? Out { get; init; }

        [CommandOption("--resume")]
        [Description("Keep the runs an interrupted update already completed in --out; run only the rest.")]
        public bool Resume { get; init; }

        [CommandOption("--force")]
        [Description("Replace the --baseline file even when it is not a baseline NodeSim can read, or is another campaign's.")]
        public bool Force { get; init; }

        [CommandOption("--workers <N>")]
        [Description("Runs in parallel (default: the number of logical cores). Results do not depend on it.")]
        public int? Workers { get; init; }

        public override ValidationResult Validate() => Workers is < 1 ? ValidationResult.Error("--workers must be at least 1") : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings s, CancellationToken cancellationToken)
    {
        var campaign = registries.Loader.Load(s.Campaign);
        var output = s.Out ?? Path.Combine("Results", "runs", FileNames.Sanitize(campaign.Name));
        var file = s.Baseline ?? Baseline.DefaultPath(campaign.Name);
        // Read before anything runs: a baseline that cannot be read is replaced (that is how to repair one), and said so now.
        var previous = Previous(file, campaign.Name, s.Force);
        // The run replaces only NodeSim's own files in its directory (a changed campaign file is the point of an update).
        string[] resume = ["baseline", "update", "--campaign", s.Campaign, "--baseline", file, "--out", output, "--resume"];
        var exit = new RunCommand(registries, files).Run(
            new RunCommand.Settings { File = s.Campaign, Out = output, Workers = s.Workers, Force = true, Resume = s.Resume, Json = false }, cancellationToken, resume);
        if (exit != ExitCodes.Success)
        {
            Terminal.ErrorLine($"the campaign did not complete (exit {exit}); {file} is unchanged");
            return exit;
        }
        var rows = Baseline.OfRunDirectory(output);
        var changes = Changes(file, previous, rows, output);
        Baseline.Write(files, file, rows);
        if (s.Json)
        {
            Terminal.WriteJson(new { baseline = file, campaign = campaign.Name, rows = rows.Count, moved = changes.Moved, added = changes.Added, removed = changes.Removed, first = changes.First });
            return ExitCodes.Success;
        }
        Terminal.Out.MarkupLine(Terminal.Cell(string.Create(CultureInfo.InvariantCulture,
            $"wrote {file}: {rows.Count:N0} rows of campaign {campaign.Name}; against the previous baseline {changes.Moved:N0} moved, {changes.Added:N0} new, {changes.Removed:N0} gone")));
        foreach (var line in changes.First) Terminal.Out.MarkupLine(Terminal.Cell("  " + line));
        return ExitCodes.Success;
    }

    private sealed record Summary(int Moved, int Added, int Removed, IReadOnlyList<string> First);

    /// <summary>
    /// The baseline there is, or null when there is none. Refused before anything runs unless <paramref name="force"/>: a file
    /// that is not a baseline NodeSim can read (it may be anything of the user's), and another campaign's baseline.
    /// </summary>
    private static List<BaselineRow>? Previous(string file, string campaign, bool force)
    {
        AtomicFile.Destination(file);   // a directory or a device there is refused before anything runs
        if (FileEntry.Of(file).Kind is EntryKind.Absent or EntryKind.BrokenLink) return null;
        List<BaselineRow> rows;
        try
        {
            rows = Baseline.Read(file);
        }
        catch (UserInputException e)
        {
            if (!force)
                throw new UserInputException($"--baseline {file}: not a baseline NodeSim can read ({e.Message}); add --force to replace it with the new one, or choose another --baseline");
            Terminal.Note($"the baseline there cannot be read ({e.Message}); it will be replaced (--force), without a comparison");
            return null;
        }
        var campaigns = rows.Select(r => r.Campaign).Distinct().ToList();
        if (campaigns.Count > 0 && (campaigns.Count > 1 || campaigns[0] != campaign) && !force)
            throw new UserInputException($"--baseline {file}: holds the baseline of {(campaigns.Count > 1 ? $"{campaigns.Count} campaigns" : $"campaign '{campaigns[0]}'")}, " +
                                         $"not of '{campaign}'; choose another --baseline, or add --force to replace it");
        return campaigns.Count == 1 && campaigns[0] == campaign ? rows : null;
    }

    /// <summary>What the new rows change against the baseline there was, by the same rule as <c>nodesim check</c>.</summary>
    private static Summary Changes(string file, List<BaselineRow>? old, List<BaselineRow> rows, string output)
    {
        if (old is null) return new Summary(0, rows.Count, 0, ["(no readable baseline before)"]);
        var oldKeys = old.Select(r => r.Key).ToHashSet();
        var newKeys = rows.Select(r => r.Key).ToHashSet();
        var added = rows.Count(r => !oldKeys.Contains(r.Key));
        var removed = old.Count(r => !newKeys.Contains(r.Key));
        var common = old.Where(r => newKeys.Contains(r.Key) && r.Campaign == rows[0].Campaign).ToList();
        if (common.Count == 0) return new Summary(0, added, removed, []);
        var outcome = BaselineCheck.Compare(common, [.. rows.Where(r => oldKeys.Contains(r.Key))], file, output);
        var moved = outcome.Moved.ToList();
        return new Summary(moved.Count, added, removed, [.. moved.Take(10).Select(c =>
            $"{c.Old.Scenario} point {c.Old.Point} {c.Old.Stack} {c.Old.Metric}: {Baseline.Format(c.Old.Mean)} → {Baseline.Format(c.New.Mean)} {c.Old.Unit}")]);
    }
}
