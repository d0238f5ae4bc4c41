using NodeSim.Files;

namespace NodeSim.Cli.Conventions;

/// <summary>
/// A file a command writes where the user says (<c>trace generate --out</c>, <c>replay --jobs-csv</c>): written whole or
/// not at all, through a symbolic link to where it leads, and never over a file that is there unless <c>--force</c> says so
/// — as <c>run --out</c> never replaces what NodeSim did not write.
/// </summary>
public static class UserFile
{
    /// <summary>Refuses, before any work, a path that is not a regular file (a device, a FIFO, a directory), or an existing file without <paramref name="force"/>.</summary>
    public static void Check(string path, bool force, string option)
    {
        AtomicFile.Destination(path);
        if (FileEntry.Of(path).Kind == EntryKind.RegularFile && !force)
            throw new UserInputException($"{option} {path}: exists; add --force to replace it, or choose another name");
    }

    /// <summary>Writes <paramref name="path"/> (checked as <see cref="Check"/> does) and says so on standard error.</summary>
    public static void Write(AtomicFile files, string path, bool force, string option, Action<Stream> write)
    {
        Check(path, force, option);
        AtomicFile.RemoveAbandoned(AtomicFile.Destination(path));
        files.Write(path, write);
        Terminal.Note($"wrote {path}");
    }
}
