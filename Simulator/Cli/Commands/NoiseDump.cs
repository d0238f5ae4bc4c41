using System.Globalization;
using NodeSim.Cli.Conventions;
using NodeSim.Files;
using NodeSim.Traces;
using NodeSim.Traces.Noise;

namespace NodeSim.Cli.Commands;

/// <summary>
/// The detours a job window simulated, core by core (<c>nodesim job --dump-noise DIR</c>): written in NodeSim's noise format and,
/// one file per rank, in LogGOPSim's, so that another simulator can be run on exactly the same noise.
/// </summary>
public sealed class NoiseDump(int cores)
{
    private readonly List<Detour>[] _byCore = [.. Enumerable.Range(0, cores).Select(_ => new List<Detour>())];

    /// <summary>A detour as the window's core timelines built it.</summary>
    public void Record(int core, long start, long length) => _byCore[core].Add(new Detour(start, length));

    /// <summary>Refuses a directory that holds anything: NodeSim writes its dump into a new or empty one, and never over a user's files.</summary>
    public static void Check(string dir)
    {
        AtomicFile.Destination(Path.Combine(dir, "noise.csv"));
        if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any())
            throw new UserInputException($"--dump-noise {dir}: is not empty; choose a new or empty directory");
        if (File.Exists(dir)) throw new UserInputException($"--dump-noise {dir}: is a file; choose a new or empty directory");
    }

    /// <summary>Writes the detours that start within the window's <paramref name="seconds"/> (runs are built ahead of it).</summary>
    public void Write(AtomicFile files, string dir, string what, double seconds)
    {
        var end = (long)Math.Round(seconds * 1e9);
        var byCore = Enumerable.Range(0, _byCore.Length).ToDictionary(c => c, c => _byCore[c].Where(d => d.StartNs < end).ToArray());
        var last = byCore.Values.Where(d => d.Length > 0).Select(d => d[^1].EndNs).DefaultIfEmpty(end).Max();
        // Every core, quiet ones too (the header lists them): rank r of a replay is core r again.
        var trace = new NoiseTrace(new NoiseTraceHeader("nodesim", Math.Max(end, last), "simulated by NodeSim", "none (simulated)", what), byCore);
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "loggopsim"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"--dump-noise {dir}: cannot be created ({IoErrors.Reason(e)})", e);
        }
        files.Write(Path.Combine(dir, "noise.csv"), s => NoiseTraceWriter.Write(s, trace));
        var digits = Math.Max(1, (_byCore.Length - 1).ToString(CultureInfo.InvariantCulture).Length);
        for (var c = 0; c < _byCore.Length; c++)
            files.Write(Path.Combine(dir, "loggopsim", $"rank-{c.ToString("D" + digits, CultureInfo.InvariantCulture)}.txt"),
                s => NoiseTraceWriter.WriteLogGopSim(s, byCore[c], $"rank {c}: {what}; start<TAB>duration in ns"));
        Terminal.Note($"wrote {trace.Detours:N0} detours of {_byCore.Length:N0} cores to {dir}: noise.csv and loggopsim/rank-*.txt");
    }
}
