namespace NodeSim.Files;

/// <summary>
/// Writes a file so that it is either complete or absent: the content goes to a temporary file
/// beside it, which is renamed over the destination only once fully written and flushed. An
/// instance, so that what writes results can be given another (a test's stand-in for a full disk);
/// <see cref="Disk"/> is the file system itself.
/// </summary>
/// <remarks>
/// This protects against the process being stopped (Ctrl-C, kill, a crash): the rename is atomic
/// and the kernel keeps what was written. It does not fsync, so it does not protect against the
/// machine losing power; syncing every run's result costs more than the run on slow disks and
/// serialises parallel workers on the disk.
/// </remarks>
public class AtomicFile
{
    /// <summary>The file system.</summary>
    public static readonly AtomicFile Disk = new();

    /// <summary>
    /// Opens the temporary file that will become <paramref name="destination"/>. The file system's is a new file;
    /// a stand-in may throw what a full disk or a read-only directory would (which root, as CI runs, cannot make).
    /// </summary>
    protected virtual Stream CreateTemporary(string temporary, string destination) =>
        new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);

    /// <summary>
    /// Writes <paramref name="path"/> whole or not at all. A symbolic link is written through (the link stays; what it
    /// leads to is replaced); anything but a regular file there — a directory, a FIFO, a device, a socket — is refused,
    /// since the rename would put a file in its place.
    /// </summary>
    /// <exception cref="UserInputException">The destination is not a regular file, or the write failed (a full disk, a permission).</exception>
    public void Write(string path, Action<Stream> write)
    {
        var full = Destination(path);
        var directory = Path.GetDirectoryName(full)!;
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{path}: cannot create the directory {directory} ({IoErrors.Reason(e)})", e);
        }
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = CreateTemporary(temporary, full))
            {
                write(stream);
                stream.Flush();
            }
            // A file replaced keeps its permissions (a read-only result stays read-only).
            if (!OperatingSystem.IsWindows() && File.Exists(full)) File.SetUnixFileMode(temporary, File.GetUnixFileMode(full));
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new UserInputException($"{path}: cannot be written ({IoErrors.Reason(e)})", e);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>The file a write to <paramref name="path"/> replaces: the path, or where its symbolic links lead.</summary>
    /// <exception cref="UserInputException">That is a directory, a FIFO, a device, a socket, or a loop of links.</exception>
    public static string Destination(string path)
    {
        var entry = FileEntry.Of(path);
        return entry.Kind switch
        {
            EntryKind.Absent or EntryKind.RegularFile or EntryKind.BrokenLink => entry.Target,
            EntryKind.Directory => throw new UserInputException($"{path}: is {entry.Describe()}; expected the name of a file to write"),
            EntryKind.LinkLoop => throw new UserInputException($"{path}: is {entry.Describe()}; expected the name of a file to write"),
            _ => throw new UserInputException($"{path}: is {entry.Describe()}; NodeSim writes regular files only (a whole file, renamed into place), " +
                                              "and would put one where it is"),
        };
    }

    /// <summary>Writes text (UTF-8, no byte-order mark).</summary>
    public void WriteText(string path, Action<TextWriter> write) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
            write(writer);
        });

    /// <summary>
    /// Removes the temporary files of <paramref name="path"/> that a killed process left (its PID no
    /// longer runs), for a command writing a file of the user's choosing (a run directory cleans its own).
    /// </summary>
    public static void RemoveAbandoned(string path)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        var name = Path.GetFileName(full);
        if (!Directory.Exists(directory)) return;
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateFiles(directory, $".{name}.*.tmp").ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }
        foreach (var file in candidates)
        {
            var parts = Path.GetFileName(file)[(name.Length + 2)..^4].Split('.');
            if (parts.Length == 2 && int.TryParse(parts[0], out var pid) && parts[1].Length == 32 && pid != Environment.ProcessId && !LocalProcess.IsRunning(pid)) TryDelete(file);
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
