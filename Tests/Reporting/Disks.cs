using NodeSim.Files;

namespace NodeSim.Tests.Reporting;

/// <summary>The file system, but for the files <paramref name="fail"/> names an exception for: creating those throws it, as a full disk would.</summary>
public sealed class FailingDisk(Func<string, Exception?> fail) : AtomicFile
{
    protected override Stream CreateTemporary(string temporary, string destination) =>
        fail(destination) is { } e ? throw e : base.CreateTemporary(temporary, destination);
}

/// <summary>
/// The file system, stopped at its <paramref name="stopAt"/>-th file (counted from 0; never when negative): as the process
/// would be by a kill between renaming one file into place and starting the next. Every file it began is listed, in order.
/// </summary>
public sealed class StoppingDisk(int stopAt = -1) : AtomicFile
{
    private readonly List<string> _files = [];

    /// <summary>The files begun, in order (the one stopped at included).</summary>
    public IReadOnlyList<string> Files
    {
        get { lock (_files) return [.. _files]; }
    }

    protected override Stream CreateTemporary(string temporary, string destination)
    {
        lock (_files)
        {
            _files.Add(destination);
            if (_files.Count - 1 == stopAt) throw new Stopped(destination);
        }
        return base.CreateTemporary(temporary, destination);
    }

    /// <summary>What a stop looks like to the code it stops: it ends the process's work there, as nothing NodeSim handles.</summary>
    public sealed class Stopped(string file) : Exception($"stopped before writing {file}");
}
