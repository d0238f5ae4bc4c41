using NodeSim.Files;

namespace NodeSim.Reporting;

/// <summary>
/// A directory NodeSim writes results into. Every file goes through it: it refuses to replace a
/// file NodeSim did not write, remembers the ones it did, and deletes only those.
/// </summary>
public interface IOutputDirectory
{
    string Path { get; }

    /// <summary>What writes the directory's files, each complete or absent.</summary>
    AtomicFile Files { get; }

    /// <summary>Refuses to replace a file NodeSim did not write (exit 2, naming it); paths relative to the directory, '/'-separated.</summary>
    void CheckWritable(IEnumerable<string> relative);

    /// <summary>Records what NodeSim wrote, so that a later run may replace or delete it.</summary>
    void Record(IEnumerable<string> relative);

    /// <summary>Deletes a file NodeSim wrote; anything else is left alone.</summary>
    void DeleteOwned(string relative);
}
