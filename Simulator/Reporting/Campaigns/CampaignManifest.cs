using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using NodeSim.Engine;
using NodeSim.Files;

namespace NodeSim.Reporting.Campaigns;

/// <summary>The machine a campaign ran on.</summary>
public sealed record MachineInfo(string Os, string Architecture, int LogicalCores, string? Processor, long MemoryBytes, string Runtime)
{
    public static MachineInfo Current() => new(RuntimeInformation.OSDescription, RuntimeInformation.OSArchitecture.ToString(),
        Environment.ProcessorCount, ProcessorName(), GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, RuntimeInformation.FrameworkDescription);

    private static string? ProcessorName()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <summary>
/// <c>manifest.json</c>: what produced a result directory — NodeSim's version and commit, the
/// campaign file and its SHA-256, the seed, the machine, workers and wall time — and the
/// scenarios and metric definitions that <c>nodesim plot</c> redraws from.
/// </summary>
public sealed record CampaignManifest(string NodesimVersion, string? GitCommit, bool? GitDirty, string Campaign, string? Description,
    string CampaignFile, string CampaignSha256, ulong Seed, string Started, double WallSeconds, int Workers, int Runs, int Resumed, int Failed,
    IReadOnlyList<string> Files, MachineInfo Machine, IReadOnlyList<ScenarioInfo> Scenarios, IReadOnlyDictionary<string, IReadOnlyList<MetricInfo>> Metrics,
    ulong? Reseed = null, IReadOnlyDictionary<string, string>? StackLabels = null)
{
    public const string FileName = "manifest.json";

    /// <summary>The manifest of a finished campaign run now, on this machine, from this checkout.</summary>
    public static CampaignManifest Of(Campaign campaign, int resumed, int failed, TimeSpan wall, int workers, DateTimeOffset started)
    {
        var (commit, dirty) = GitState();
        return new CampaignManifest(Version, commit, dirty, campaign.Name, campaign.Description, Path.GetFullPath(campaign.File), campaign.Sha256,
            campaign.Seed, started.ToString("O", System.Globalization.CultureInfo.InvariantCulture), wall.TotalSeconds, workers,
            campaign.Runs.Count, resumed, failed, [], MachineInfo.Current(),
            [.. campaign.Scenarios.Select(c => new ScenarioInfo(c.Name, c.Kind.Name, c.Description, c.Stacks, c.SweptParameters, c.Points.Count, c.Replications, c.CompareTo,
                c.Fixed.GroupBy(f => f.Name).ToDictionary(g => g.Key, g => g.Last().Value), c.Sensitivity, c.Units))],
            campaign.Scenarios.Select(c => c.Kind).Distinct().ToDictionary(k => k.Name, k => k.Metrics), campaign.Reseed,
            campaign.Scenarios.SelectMany(c => c.Stacks).Distinct().ToDictionary(s => s, s => campaign.Stacks[s].Label));
    }

    public static string Version =>
        typeof(CampaignManifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    public void Write(IOutputDirectory directory) => directory.Write(FileName, stream => JsonSerializer.Serialize(stream, this, JsonFormat.Options));

    /// <exception cref="UserInputException">No manifest, or one NodeSim did not write (not JSON, or a field it always writes missing).</exception>
    public static CampaignManifest Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (FileEntry.Of(path).Kind == EntryKind.Absent) throw new UserInputException($"{directory}: no {FileName} here; is this a directory `nodesim run` finished?");
        CampaignManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<CampaignManifest>(InputFile.ReadAllText(path, "a NodeSim manifest (manifest.json)", InputFile.MaxJsonBytes),
                JsonFormat.Options);
        }
        catch (JsonException e)
        {
            throw new UserInputException($"{path}:{e.LineNumber + 1}: not a NodeSim manifest ({e.Message.Split('.')[0]})");
        }
        var missing = manifest is null ? "anything"
            : manifest.NodesimVersion is null ? "nodesim_version"
            : manifest.Campaign is null ? "campaign"
            : manifest.CampaignFile is null ? "campaign_file"
            : manifest.CampaignSha256 is null ? "campaign_sha256"
            : manifest.Files is null ? "files"
            : manifest.Scenarios is null || manifest.Scenarios.Any(s => s?.Name is null || s.Kind is null || s.Stacks is null || s.Swept is null) ? "scenarios"
            : manifest.Metrics is null ? "metrics"
            : null;
        return missing is null ? manifest! : throw new UserInputException($"{path}: not a NodeSim manifest (no '{missing}')");
    }

    /// <summary>The commit of the NodeSim checkout this binary was built from, and whether it had uncommitted changes; nulls outside a git checkout.</summary>
    public static (string? Commit, bool? Dirty) GitState()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, ".git")) && !File.Exists(Path.Combine(directory.FullName, ".git")))
            directory = directory.Parent;
        if (directory is null) return (null, null);
        var commit = Git(directory.FullName, "rev-parse HEAD");
        var status = Git(directory.FullName, "status --porcelain --untracked-files=no");
        return (commit, status is null ? null : status.Length > 0);
    }

    private static string? Git(string directory, string arguments)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", $"-C \"{directory}\" {arguments}")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            });
            if (git is null) return null;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;   // no git on this machine
        }
    }
}
