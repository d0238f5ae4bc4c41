using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using NodeSim.Engine;
using NodeSim.Files;
using NodeSim.Reporting;
using NodeSim.Reporting.Campaigns;

namespace NodeSim.Orchestration;

/// <summary>
/// What marks a directory as NodeSim's: the campaign it holds results of (by the SHA-256 of its
/// file) and every file NodeSim wrote there. NodeSim deletes or replaces only files listed here
/// (and its own run parts and temporary files, recognised by name).
/// </summary>
public sealed record RunDirectoryMarker(string Campaign, string CampaignFile, string CampaignSha256, string Created, IReadOnlyList<string> Files)
{
    public const string FileName = ".nodesim-run.json";
}

/// <summary>
/// A campaign's output directory, held for one run: it refuses directories that are not NodeSim's
/// or hold another campaign's results, locks the directory (<see cref="RunLock"/>), removes what a
/// killed process left half-written, and lets NodeSim delete or replace only its own files.
/// Everything written into it goes through its <see cref="Files"/>.
/// </summary>
public sealed partial class RunDirectory : IOutputDirectory, IDisposable
{
    private readonly RunLock _lock;
    private readonly HashSet<string> _owned;
    private readonly RunDirectoryMarker _marker;

    private RunDirectory(string path, RunLock held, RunDirectoryMarker marker, AtomicFile files)
    {
        Path = path;
        _lock = held;
        _marker = marker;
        _owned = [.. marker.Files];
        Files = files;
    }

    public string Path { get; }

    /// <summary>What writes the directory's files.</summary>
    public AtomicFile Files { get; }

    /// <summary>The holder of a stale lock taken over when the directory was opened, if any.</summary>
    public LockHolder? TookOverLockFrom => _lock.TookOverFrom;

    /// <summary>
    /// Opens <paramref name="path"/> for <paramref name="campaign"/>'s results. Refused (exit 2, with
    /// what to do): the file system's root, the home directory, an empty path; a non-empty directory
    /// that is not NodeSim's; one of another campaign file, or with finished runs when not resuming,
    /// unless <paramref name="force"/> (which still replaces only NodeSim's files); one in use.
    /// </summary>
    public static RunDirectory Open(string path, Campaign campaign, bool resume, bool force, bool breakLock, AtomicFile files, string option = "--out")
    {
        var full = CheckPlace(path, option);
        if (File.Exists(full)) throw new UserInputException($"{option} {path}: is a file, expected a directory");
        for (var up = System.IO.Path.GetDirectoryName(full); up is not null; up = System.IO.Path.GetDirectoryName(up))
            if (File.Exists(up)) throw new UserInputException($"{option} {path}: {up} is a file, so no directory can be made under it");
        try
        {
            Directory.CreateDirectory(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{option} {path}: cannot create the directory ({e.Message})", e);
        }
        var held = RunLock.Acquire(full, option, breakLock);
        try
        {
            var previous = ReadMarker(full);
            var foreign = Entries(full).Where(e => e is not (RunLock.FileName or RunDirectoryMarker.FileName) && !IsOwnTemporary(e)).ToList();
            if (previous is null && foreign.Count > 0)
                throw new UserInputException($"{option} {path}: not empty and not a NodeSim run directory (it holds {Describe(foreign)}, and no {RunDirectoryMarker.FileName}); " +
                                             "choose a new or empty directory");
            if (previous is not null && previous.CampaignSha256 != campaign.Sha256 && !force)
                throw new UserInputException($"{option} {path}: holds the results of another campaign file ({previous.CampaignFile}, campaign '{previous.Campaign}'); " +
                                             "choose another directory, or add --force to replace NodeSim's files in it");
            var finished = FinishedParts(full);
            if (finished > 0 && !resume && !force)
                throw new UserInputException($"{option} {path}: has {finished} finished runs of a campaign that did not complete; add --resume to run only the rest, or --force to start over");
            var marker = new RunDirectoryMarker(campaign.Name, System.IO.Path.GetFullPath(campaign.File), campaign.Sha256,
                DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture), previous?.Files ?? []);
            var directory = new RunDirectory(full, held, marker, files);
            directory.RemoveTemporaries();
            directory.WriteMarker();
            return directory;
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <summary>Opens an existing run directory to redraw its plots (<c>nodesim plot</c>): it must be NodeSim's.</summary>
    public static RunDirectory OpenExisting(string path, bool breakLock, AtomicFile files)
    {
        var full = CheckPlace(path, "RUN_DIR");
        if (!Directory.Exists(full)) throw new UserInputException($"{path}: no such directory");
        var held = RunLock.Acquire(full, "RUN_DIR", breakLock);
        var marker = ReadMarker(full);
        if (marker is null)
        {
            held.Dispose();
            throw new UserInputException($"{path}: not a NodeSim run directory (no {RunDirectoryMarker.FileName} or {CampaignManifest.FileName})");
        }
        return new RunDirectory(full, held, marker, files);
    }

    /// <summary>Whether NodeSim wrote the file at <paramref name="relative"/> (a path under the directory, '/'-separated).</summary>
    public bool Owns(string relative) => _owned.Contains(relative);

    /// <summary>
    /// Records what NodeSim wrote (paths relative to the directory), so that a later run may replace
    /// or delete them; refuses to have written over a file it did not own — <see cref="CheckWritable"/> comes first.
    /// </summary>
    public void Record(IEnumerable<string> relative)
    {
        _owned.UnionWith(relative);
        WriteMarker();
    }

    /// <summary>Refuses to replace a file NodeSim did not write (exit 2, naming it).</summary>
    public void CheckWritable(IEnumerable<string> relative)
    {
        foreach (var r in relative)
            if (File.Exists(System.IO.Path.Combine(Path, r)) && !Owns(r))
                throw new UserInputException($"{System.IO.Path.Combine(Path, r)}: exists and NodeSim did not write it; move it away, or choose another --out");
    }

    /// <summary>Deletes a file NodeSim wrote; anything else is left alone.</summary>
    public void DeleteOwned(string relative)
    {
        if (!Owns(relative)) return;
        File.Delete(System.IO.Path.Combine(Path, relative));
        _owned.Remove(relative);
    }

    public void Dispose() => _lock.Dispose();

    private void WriteMarker() =>
        Files.Write(System.IO.Path.Combine(Path, RunDirectoryMarker.FileName),
            s => JsonSerializer.Serialize(s, _marker with { Files = [.. _owned.Order(StringComparer.Ordinal)] }, JsonFormat.Options));

    /// <summary>Removes what a killed NodeSim left half-written: its temporary files here, in plots/ and in parts/.</summary>
    private void RemoveTemporaries()
    {
        foreach (var sub in new[] { Path, System.IO.Path.Combine(Path, CampaignOutputs.PlotDirectory), System.IO.Path.Combine(Path, "parts") })
            if (Directory.Exists(sub))
                foreach (var file in Directory.EnumerateFiles(sub).Where(f => IsOwnTemporary(System.IO.Path.GetFileName(f))))
                    File.Delete(file);
    }

    /// <summary>The full path, refusing places no run belongs in.</summary>
    private static string CheckPlace(string path, string option)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new UserInputException($"{option}: an empty path; name the directory for the results");
        var full = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path));
        if (System.IO.Path.GetPathRoot(full) is { } root && System.IO.Path.TrimEndingDirectorySeparator(root) == full || full.Length == 0)
            throw new UserInputException($"{option} {path}: is the root of the file system; name a directory for the results");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (home.Length > 0 && System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(home)) == full)
            throw new UserInputException($"{option} {path}: is your home directory; name a directory inside it for the results");
        return full;
    }

    private static RunDirectoryMarker? ReadMarker(string directory)
    {
        var path = System.IO.Path.Combine(directory, RunDirectoryMarker.FileName);
        if (File.Exists(path))
        {
            try
            {
                return JsonSerializer.Deserialize<RunDirectoryMarker>(File.ReadAllText(path), JsonFormat.Options);
            }
            catch (JsonException e)
            {
                throw new UserInputException($"{path}: not a NodeSim marker ({e.Message.Split('.')[0]}); move it away or choose another directory");
            }
        }
        // A run directory written before the marker existed: its manifest lists the files.
        if (!File.Exists(System.IO.Path.Combine(directory, CampaignManifest.FileName))) return null;
        var manifest = CampaignManifest.Read(directory);
        // Its plots are those named as NodeSim names them: a scenario's file stem, a dash, what the plot shows.
        var stems = manifest.Scenarios.Select(s => FileNames.Sanitize(s.Name) + "-").ToList();
        var plots = Directory.Exists(System.IO.Path.Combine(directory, CampaignOutputs.PlotDirectory)) && manifest.Files.Contains(CampaignOutputs.PlotDirectory + "/")
            ? Directory.EnumerateFiles(System.IO.Path.Combine(directory, CampaignOutputs.PlotDirectory)).Select(System.IO.Path.GetFileName)
                .Where(f => f is not null && stems.Any(s => f.StartsWith(s, StringComparison.Ordinal)) && System.IO.Path.GetExtension(f) is ".png" or ".svg")
                .Select(f => $"{CampaignOutputs.PlotDirectory}/{f}")
            : [];
        return new RunDirectoryMarker(manifest.Campaign, manifest.CampaignFile, manifest.CampaignSha256, manifest.Started,
            [.. manifest.Files.Where(f => !f.EndsWith('/')), CampaignManifest.FileName, .. plots]);
    }

    private static int FinishedParts(string directory)
    {
        var parts = System.IO.Path.Combine(directory, "parts");
        return Directory.Exists(parts) ? Directory.EnumerateFiles(parts, "*.json").Count(f => IsPart(System.IO.Path.GetFileName(f))) : 0;
    }

    private static IEnumerable<string> Entries(string directory) => Directory.EnumerateFileSystemEntries(directory).Select(e => System.IO.Path.GetFileName(e));

    private static string Describe(List<string> entries) =>
        entries.Count == 1 ? $"'{entries[0]}'" : $"{entries.Count} entries, e.g. '{entries.Order(StringComparer.Ordinal).First()}'";

    /// <summary>A run's part: <c>scenario__pNNN__stack__rNN.json</c> or <c>.jobs.csv.gz</c> (see <see cref="RunSpec.Key"/>).</summary>
    public static bool IsPart(string name) => PartName().IsMatch(name);

    /// <summary>A temporary file of <see cref="AtomicFile"/> or <see cref="RunLock"/>.</summary>
    public static bool IsOwnTemporary(string name) => TemporaryName().IsMatch(name);

    [GeneratedRegex(@"^[A-Za-z0-9._-]+__p\d{3,}__[A-Za-z0-9._-]+__r\d{2,}(\.json|\.jobs\.csv\.gz)$")]
    private static partial Regex PartName();

    [GeneratedRegex(@"^(\..+\.\d+\.[0-9a-f]{32}\.tmp|\.nodesim\.lock\.\d+\.[0-9a-f]{32}\.tmp)$")]
    private static partial Regex TemporaryName();
}
