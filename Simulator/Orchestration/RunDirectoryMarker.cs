using System.Text.Json;
using NodeSim.Engine;
using NodeSim.Files;
using NodeSim.Reporting.Campaigns;

namespace NodeSim.Orchestration;

/// <summary>
/// What marks a directory as NodeSim's: the campaign it holds results of (by the SHA-256 of its
/// file) and every file NodeSim wrote there, each listed before it was renamed into place. NodeSim
/// deletes or replaces only files listed here (and its own run parts and temporary files,
/// recognised by name).
/// </summary>
/// <param name="OutputsPending">A run's output phase began and did not finish: the tables, plots and summary may disagree.</param>
public sealed record RunDirectoryMarker(string Campaign, string CampaignFile, string CampaignSha256, string Created, IReadOnlyList<string> Files,
    bool OutputsPending = false)
{
    public const string FileName = ".nodesim-run.json";

    /// <summary>
    /// The marker of <paramref name="directory"/>: its own file, or for a directory an older NodeSim wrote (before markers), one made
    /// from its manifest; null when the directory has neither, or its <c>manifest.json</c> is not NodeSim's (a web app's, say).
    /// </summary>
    /// <exception cref="UserInputException">A marker file that is not a marker NodeSim could have written.</exception>
    public static RunDirectoryMarker? Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        var entry = FileEntry.Of(path);
        if (entry.Kind != EntryKind.Absent)
        {
            if (entry.IsLink || entry.Kind != EntryKind.RegularFile) throw NotAMarker(path, $"it is {entry.Describe()}");
            RunDirectoryMarker? marker;
            try
            {
                marker = JsonSerializer.Deserialize<RunDirectoryMarker>(InputFile.ReadAllText(path, "NodeSim's marker of a run directory", InputFile.MaxJsonBytes),
                    JsonFormat.Options);
            }
            catch (JsonException e)
            {
                throw NotAMarker(path, e.Message.Split('.')[0]);
            }
            if (Problem(marker) is { } problem) throw NotAMarker(path, problem);
            return marker;
        }
        return FromManifest(directory);
    }

    /// <summary>What makes <paramref name="marker"/> one NodeSim did not write: a field missing, or a file outside the directory.</summary>
    private static string? Problem(RunDirectoryMarker? marker) =>
        marker is null ? "empty"
        : marker.Campaign is null ? "no 'campaign'"
        : marker.CampaignSha256 is null ? "no 'campaign_sha256'"
        : marker.CampaignFile is null ? "no 'campaign_file'"
        : marker.Files is null ? "no 'files'"
        : marker.Files.FirstOrDefault(f => !IsInside(f)) is { } outside ? $"it lists '{Models.Printable.Of(outside ?? "null")}', which is not a path inside the directory"
        : null;

    /// <summary>A relative path that stays inside the directory: no root, no "..", no empty or "." segment.</summary>
    public static bool IsInside(string? relative) =>
        !string.IsNullOrEmpty(relative) && !Path.IsPathRooted(relative) && !relative.Contains('\\')
        && relative.Split('/').All(segment => segment is not ("" or "." or ".."));

    private static UserInputException NotAMarker(string path, string why) =>
        new($"{path}: not a marker NodeSim wrote ({why}); if the directory is not NodeSim's, choose another; if it is, move {FileName} away and use --force");

    /// <summary>A run directory written before the marker existed: its manifest lists the tables, and its plots are named as NodeSim names them.</summary>
    private static RunDirectoryMarker? FromManifest(string directory)
    {
        var path = Path.Combine(directory, CampaignManifest.FileName);
        if (FileEntry.Of(path) is not { Kind: EntryKind.RegularFile, IsLink: false }) return null;
        CampaignManifest manifest;
        try
        {
            manifest = CampaignManifest.Read(directory);
        }
        catch (UserInputException)
        {
            return null;   // not NodeSim's manifest: the directory is someone else's
        }
        var stems = manifest.Scenarios.Select(s => FileNames.Sanitize(s.Name) + "-").ToList();
        var plotDirectory = Path.Combine(directory, CampaignOutputs.PlotDirectory);
        var plots = Directory.Exists(plotDirectory) && manifest.Files.Contains(CampaignOutputs.PlotDirectory + "/")
            ? Directory.EnumerateFiles(plotDirectory).Select(Path.GetFileName)
                .Where(f => f is not null && stems.Any(s => f.StartsWith(s, StringComparison.Ordinal)) && Path.GetExtension(f) is ".png" or ".svg")
                .Select(f => $"{CampaignOutputs.PlotDirectory}/{f}")
            : [];
        return new RunDirectoryMarker(manifest.Campaign, manifest.CampaignFile, manifest.CampaignSha256, manifest.Started,
            [.. manifest.Files.Where(f => !f.EndsWith('/') && IsInside(f)), CampaignManifest.FileName, .. plots]);
    }
}
