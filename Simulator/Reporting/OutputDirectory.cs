namespace NodeSim.Reporting;

/// <summary>
/// A directory NodeSim writes results into. Every file goes through it, by a path relative to it
/// ('/'-separated): it refuses to replace a file NodeSim did not write (or anything but a regular
/// file), records each file as NodeSim's before renaming it into place, and deletes only those.
/// </summary>
public interface IOutputDirectory
{
    string Path { get; }

    /// <summary>
    /// Writes <paramref name="relative"/> whole or not at all, recorded as NodeSim's first: a stop at any instant leaves no
    /// file there that NodeSim does not know it may replace.
    /// </summary>
    /// <exception cref="UserInputException">A file NodeSim did not write is there, or something that is not a regular file; or the write failed.</exception>
    void Write(string relative, Action<Stream> write);

    /// <summary>Writes text (UTF-8, no byte-order mark), as <see cref="Write"/>.</summary>
    void WriteText(string relative, Action<TextWriter> write);

    /// <summary>Refuses, before anything is written, what <see cref="Write"/> would refuse for any of <paramref name="relative"/>.</summary>
    void CheckWritable(IEnumerable<string> relative);

    /// <summary>The files NodeSim wrote in <paramref name="subdirectory"/>, as paths relative to the directory.</summary>
    IReadOnlyList<string> Owned(string subdirectory);

    /// <summary>Deletes a file NodeSim wrote; anything else is left alone.</summary>
    void DeleteOwned(string relative);
}
