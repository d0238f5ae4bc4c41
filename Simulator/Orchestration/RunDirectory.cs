using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using NodeSim.Engine;
using NodeSim.Files;
using NodeSim.Reporting;

namespace NodeSim.Orchestration;

/// <summary>
/// What NodeSim writes in a run directory besides its marker, lock and <c>parts/</c>: the output files at
/// its top (tables, summary, manifest) and the directories it writes into (<c>plots/</c>, a backend's).
/// Every entry of those directories must be NodeSim's.
/// </summary>
public sealed record RunLayout(IReadOnlyList<string> Files, IReadOnlyList<string> Directories);

/// <summary>
/// A campaign's output directory, held for one run: it refuses directories that are not NodeSim's
/// or hold another campaign's results, locks the directory (<see cref="RunLock"/>), removes what a
/// killed process left half-written, finds a file NodeSim did not write where it will write before
/// anything runs, and lets NodeSim write, replace or delete only its own files: each is recorded in
/// the marker before it is renamed into place, so a stop at any instant leaves a directory that
/// <c>--resume</c> completes and <c>--force</c> cleans.
/// </summary>
public sealed partial class RunDirectory : IOutputDirectory, IDisposable
{
    /// <summary>Where each finished run's result and job rows are kept, by name (see <see cref="IsPart"/>).</summary>
    public const string PartsDirectory = "parts";

    /// <summary>The log of unexpected failures' stack traces, in <see cref="PartsDirectory"/>.</summary>
    public const string ErrorLogFile = "errors.log";

    private readonly Lock _gate = new();
    private readonly RunLock _lock;
    private readonly HashSet<string> _owned;
    private RunDirectoryMarker _marker;

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

    /// <summary>The marker as it stands: the campaign the directory holds and whether a run's outputs were left half-written.</summary>
    public RunDirectoryMarker Marker => _marker;

    /// <summary>The holder of a stale lock taken over when the directory was opened, if any.</summary>
    public LockHolder? TookOverLockFrom => _lock.TookOverFrom;

    /// <summary>
    /// Opens <paramref name="path"/> for <paramref name="campaign"/>'s results. Refused (exit 2, with what to do), before
    /// anything runs: the file system's root, the home directory, an empty path; a non-empty directory that is not
    /// NodeSim's; one of another campaign file, or with finished runs when not resuming, unless <paramref name="force"/>
    /// (which still replaces only NodeSim's files); one in use; one with a file NodeSim did not write where
    /// <paramref name="layout"/> says it will write.
    /// </summary>
    public static RunDirectory Open(string path, Campaign campaign, bool resume, bool force, bool breakLock, AtomicFile files, RunLayout layout,
        string option = "--out")
    {
        var full = CheckPlace(path, option);
        var entry = FileEntry.Of(full);
        if (entry.Kind is not (EntryKind.Absent or EntryKind.Directory))
            throw new UserInputException($"{option} {path}: is {entry.Describe()}, expected a directory");
        for (var up = System.IO.Path.GetDirectoryName(full); up is not null; up = System.IO.Path.GetDirectoryName(up))
            if (File.Exists(up)) throw new UserInputException($"{option} {path}: {up} is a file, so no directory can be made under it");
        try
        {
            Directory.CreateDirectory(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{option} {path}: cannot create the directory ({IoErrors.Reason(e)})", e);
        }
        var held = RunLock.Acquire(full, option, breakLock);
        try
        {
            var previous = RunDirectoryMarker.Read(full);
            var foreign = Entries(full).Where(e => e is not (RunLock.FileName or RunDirectoryMarker.FileName) && !IsOwnTemporary(e)).ToList();
            if (previous is null && foreign.Count > 0)
                throw new UserInputException($"{option} {path}: not empty and not a NodeSim run directory (it holds {Describe(foreign)}, and no {RunDirectoryMarker.FileName}); " +
                                             "choose a new or empty directory");
            if (previous is not null && previous.CampaignSha256 != campaign.Sha256 && !force && previous.CampaignFile == System.IO.Path.GetFullPath(campaign.File))
                throw new UserInputException($"{option} {path}: holds the results of {previous.CampaignFile} as it was before it changed (its SHA-256 differs), " +
                                             "so its finished runs are not this campaign's; add --force to start over, or choose another directory");
            if (previous is not null && previous.CampaignSha256 != campaign.Sha256 && !force)
                throw new UserInputException($"{option} {path}: holds the results of another campaign file ({previous.CampaignFile}, campaign '{previous.Campaign}'); " +
                                             "choose another directory, or add --force to replace NodeSim's files in it");
            var finished = FinishedParts(full);
            if (finished > 0 && !resume && !force)
                throw new UserInputException($"{option} {path}: has {finished} finished runs of a campaign that did not complete" +
                                             (previous?.OutputsPending == true ? " (it stopped while writing its outputs)" : "") +
                                             "; add --resume to run only the rest and write the outputs, or --force to start over");
            var marker = new RunDirectoryMarker(campaign.Name, System.IO.Path.GetFullPath(campaign.File), campaign.Sha256,
                DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture), previous?.Files ?? [], previous?.OutputsPending ?? false);
            var directory = new RunDirectory(full, held, marker, files);
            directory.RemoveTemporaries(layout);
            directory.CheckLayout(layout, option);
            directory.WriteMarker();
            return directory;
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <summary>Opens an existing run directory to redraw its plots (<c>nodesim plot</c>): it must be NodeSim's (see <see cref="Marker"/> for whether its outputs are complete).</summary>
    /// <param name="layout">What the redraw writes: checked as <see cref="Open"/> checks a run's, before anything is drawn.</param>
    public static RunDirectory OpenExisting(string path, bool breakLock, AtomicFile files, RunLayout layout)
    {
        var full = CheckPlace(path, "RUN_DIR");
        if (FileEntry.Of(full) is { Kind: not EntryKind.Directory } entry)
            throw new UserInputException(entry.Kind == EntryKind.Absent ? $"{path}: no such directory" : $"{path}: is {entry.Describe()}, expected a run directory");
        var held = RunLock.Acquire(full, "RUN_DIR", breakLock);
        try
        {
            var marker = RunDirectoryMarker.Read(full)
                         ?? throw new UserInputException($"{path}: not a NodeSim run directory (no {RunDirectoryMarker.FileName}, and no manifest.json NodeSim wrote)");
            var directory = new RunDirectory(full, held, marker, files);
            directory.CheckLayout(layout, "RUN_DIR");
            return directory;
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <summary>Whether NodeSim wrote the file at <paramref name="relative"/> (a path under the directory, '/'-separated).</summary>
    public bool Owns(string relative)
    {
        lock (_gate) return _owned.Contains(relative);
    }

    /// <summary>Marks the start (<c>true</c>) or the end of a run's output phase, so a stop in between is known to have left them half-written.</summary>
    public void OutputsPending(bool pending)
    {
        lock (_gate)
        {
            _marker = _marker with { OutputsPending = pending };
            WriteMarker();
        }
    }

    public void Write(string relative, Action<Stream> write)
    {
        Claim(relative);
        Files.Write(Full(relative), write);
    }

    public void WriteText(string relative, Action<TextWriter> write)
    {
        Claim(relative);
        Files.WriteText(Full(relative), write);
    }

    public void CheckWritable(IEnumerable<string> relative)
    {
        foreach (var r in relative) CheckEntry(r, "--out");
    }

    /// <summary>
    /// Records <paramref name="relative"/> as NodeSim's before anything writes it (a file another program writes for NodeSim,
    /// a Slurm task's log): refused as <see cref="Write"/> would refuse it.
    /// </summary>
    public void Claim(string relative)
    {
        lock (_gate)
        {
            CheckEntry(relative, "--out");
            if (_owned.Add(relative)) WriteMarker();
        }
    }

    public IReadOnlyList<string> Owned(string subdirectory)
    {
        lock (_gate) return [.. _owned.Where(f => f.StartsWith(subdirectory + "/", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
    }

    public void DeleteOwned(string relative)
    {
        lock (_gate)
        {
            if (!_owned.Contains(relative)) return;
            // Only a regular file is NodeSim's to delete: a link or a directory put in its place is someone else's.
            if (FileEntry.Of(Full(relative)) is { Kind: EntryKind.RegularFile, IsLink: false }) File.Delete(Full(relative));
            _owned.Remove(relative);
            WriteMarker();
        }
    }

    public void Dispose() => _lock.Dispose();

    private string Full(string relative) => System.IO.Path.Combine(Path, relative);

    /// <summary>
    /// Refuses to write <paramref name="relative"/> when a file NodeSim did not write is there (unless <paramref name="ownByName"/>:
    /// a part, NodeSim's by its name), or anything but a regular file.
    /// </summary>
    private void CheckEntry(string relative, string option, bool ownByName = false)
    {
        var full = Full(relative);
        var entry = FileEntry.Of(full);
        if (entry.Kind == EntryKind.Absent) return;
        if (entry.IsLink || entry.Kind != EntryKind.RegularFile)
            throw new UserInputException($"{full}: is {entry.Describe()}; NodeSim writes only regular files of its own in a run directory: move it away, or choose another {option}");
        if (!ownByName && !Owns(relative)) throw new UserInputException($"{full}: exists and NodeSim did not write it; move it away, or choose another {option}");
    }

    /// <summary>
    /// Finds, before anything runs, what would stop the campaign only once its runs are done: a file NodeSim did not write
    /// where it will write one, an entry of a directory it writes into that is not its own, or such a directory that is a
    /// link or a file.
    /// </summary>
    private void CheckLayout(RunLayout layout, string option)
    {
        foreach (var file in layout.Files) CheckEntry(file, option);
        var directories = layout.Directories.Append(PartsDirectory).ToHashSet();
        foreach (var directory in directories)
        {
            var full = Full(directory);
            var entry = FileEntry.Of(full);
            if (entry.Kind == EntryKind.Absent) continue;
            if (entry.IsLink || entry.Kind != EntryKind.Directory)
                throw new UserInputException($"{full}: is {entry.Describe()}; NodeSim writes into {directory}/ here and needs it to be a directory of its own: move it away, or choose another {option}");
            foreach (var name in Entries(full))
            {
                var relative = $"{directory}/{name}";
                if (directories.Contains(relative) || IsOwnTemporary(name)) continue;
                var part = directory == PartsDirectory && (IsPart(name) || name == ErrorLogFile);
                if (part || Owns(relative))
                    CheckEntry(relative, option, ownByName: part);
                else
                    throw new UserInputException($"{Full(relative)}: NodeSim did not write it, and it writes into {directory}/ of this run directory; " +
                                                 $"move it away, or choose another {option} (nothing has been written yet)");
            }
        }
    }

    private void WriteMarker()
    {
        lock (_gate)
            Files.Write(Full(RunDirectoryMarker.FileName),
                s => JsonSerializer.Serialize(s, _marker with { Files = [.. _owned.Order(StringComparer.Ordinal)] }, JsonFormat.Options));
    }

    /// <summary>Removes what a killed NodeSim left half-written: its temporary files here and in the directories it writes into.</summary>
    private void RemoveTemporaries(RunLayout layout)
    {
        foreach (var sub in layout.Directories.Append(PartsDirectory).Select(Full).Prepend(Path))
            if (FileEntry.Of(sub) is { Kind: EntryKind.Directory, IsLink: false })
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

    private static int FinishedParts(string directory)
    {
        var parts = System.IO.Path.Combine(directory, PartsDirectory);
        return FileEntry.Of(parts) is { Kind: EntryKind.Directory, IsLink: false }
            ? Directory.EnumerateFiles(parts, "*.json").Count(f => IsPart(System.IO.Path.GetFileName(f)))
            : 0;
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
