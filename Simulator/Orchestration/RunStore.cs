using System.Collections.Concurrent;
using System.Text.Json;
using NodeSim.Engine;
using NodeSim.Files;
using NodeSim.Reporting.Campaigns;

namespace NodeSim.Orchestration;

/// <summary>
/// A run directory's <c>parts/</c>: each finished run's result, written atomically to
/// <c>parts/&lt;key&gt;.json</c> after its job rows (<c>parts/&lt;key&gt;.jobs.csv.gz</c>), so an
/// interrupted campaign leaves only complete results, and <c>--resume</c> finds them.
/// </summary>
/// <param name="files">What writes the parts (the run directory's).</param>
public sealed class RunStore(string outputDirectory, AtomicFile files)
{
    // The job rows of runs finished in this process that the plots draw, kept so they need not be read back.
    private readonly ConcurrentDictionary<int, IReadOnlyList<JobRecord>> _rows = new();

    public string PartsDirectory => Path.Combine(outputDirectory, "parts");

    /// <summary>What writes the run directory's files.</summary>
    public AtomicFile Files => files;

    /// <summary>
    /// Makes <c>parts/</c> ready: unless resuming, NodeSim's parts from before are removed; temporary
    /// files of a killed process too (never a result). Anything else in it is left alone.
    /// </summary>
    public void Open(bool resume)
    {
        if (!resume) DeleteParts();
        Directory.CreateDirectory(PartsDirectory);
        foreach (var stale in Directory.EnumerateFiles(PartsDirectory).Where(f => RunDirectory.IsOwnTemporary(Path.GetFileName(f)))) File.Delete(stale);
    }

    /// <summary>Joins <c>parts/</c> as one of several processes writing to it at once (Slurm array tasks): nothing is removed.</summary>
    public void Join() => Directory.CreateDirectory(PartsDirectory);

    /// <summary>Where the full stack trace of each run that failed unexpectedly goes (the run's result keeps its first line).</summary>
    public string ErrorLog => Path.Combine(PartsDirectory, "errors.log");

    private readonly Lock _log = new();

    /// <summary>Persists a finished run: rows first, the result last (a result file means the run is complete).</summary>
    /// <param name="keepRows">Keep the rows in memory too, for the plots (its kind's rows are a workload's jobs).</param>
    /// <exception cref="UserInputException">A part could not be written (a full disk, a permission): the message says the runs persisted so far are kept.</exception>
    public void Write(RunOutput output, bool keepRows)
    {
        try
        {
            if (output.Defect is { } defect)
                lock (_log)
                {
                    try
                    {
                        File.AppendAllText(ErrorLog, $"== run {output.Result.Key} ({DateTimeOffset.UtcNow:O})\n{defect}\n\n");
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        throw new UserInputException($"{ErrorLog}: cannot be written ({e.Message})", e);
                    }
                }
            JobTable.WritePart(files, PartPath(output.Result.Key, JobTable.PartExtension), output.Rows);
            files.Write(PartPath(output.Result.Key, ".json"), stream => JsonSerializer.Serialize(stream, output.Result, PartJson));
        }
        catch (UserInputException e)
        {
            throw new UserInputException($"{e.Message}; the campaign stopped, and the runs finished so far are kept in {PartsDirectory}: " +
                                         "fix the cause, then run it again with --resume", e);
        }
        if (keepRows) _rows[output.Result.Index] = output.Rows;
    }

    /// <summary>
    /// The stored result of <paramref name="run"/>, or null when it has none that belongs to it: a
    /// part from another campaign, seed or parameter values is not this run's result, and a failed
    /// run is run again.
    /// </summary>
    public RunResult? Read(RunSpec run)
    {
        var path = PartPath(run.Key, ".json");
        if (!File.Exists(path) || !File.Exists(PartPath(run.Key, JobTable.PartExtension))) return null;
        try
        {
            using var stream = File.OpenRead(path);
            var result = JsonSerializer.Deserialize<RunResult>(stream, PartJson);
            return result is not null && result.Error is null && result.Key == run.Key && result.Seed == run.Seed && result.Index == run.Index
                && result.Parameters.SequenceEqual(run.Parameters) ? result : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Removes the parts: once the tables are written from them, a campaign without failures has nothing to resume.</summary>
    public void Discard() => DeleteParts();

    /// <summary>Deletes NodeSim's part files (recognised by name), and <c>parts/</c> itself when that leaves it empty.</summary>
    private void DeleteParts()
    {
        if (!Directory.Exists(PartsDirectory)) return;
        foreach (var file in Directory.EnumerateFiles(PartsDirectory).Where(f => RunDirectory.IsPart(Path.GetFileName(f)) || f == ErrorLog).ToList()) File.Delete(file);
        if (!Directory.EnumerateFileSystemEntries(PartsDirectory).Any()) Directory.Delete(PartsDirectory);
    }

    /// <summary>The part file holding a finished run's job rows.</summary>
    public string JobPartPath(RunResult result) => PartPath(result.Key, JobTable.PartExtension);

    /// <summary>A finished run's job rows: kept from this process's run, or read from its part (a resumed run).</summary>
    public IReadOnlyList<JobRecord> JobRows(RunResult result) =>
        _rows.TryGetValue(result.Index, out var rows) ? rows : JobTable.ReadPart(JobPartPath(result));

    private string PartPath(string key, string extension) => Path.Combine(PartsDirectory, key + extension);

    private static readonly JsonSerializerOptions PartJson = new() { WriteIndented = false };
}
