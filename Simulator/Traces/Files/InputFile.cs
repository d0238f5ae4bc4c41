namespace NodeSim.Files;

/// <summary>
/// Every file NodeSim reads is opened here: what is not a regular file is refused by its type before
/// anything is opened (<see cref="FileEntry"/>), so a FIFO cannot hang a command and a device cannot
/// feed it without end; and a file that cannot be read is one sentence, naming it.
/// </summary>
public static class InputFile
{
    /// <summary>The largest of NodeSim's own JSON files it reads back (markers, manifests, locks, task lists): far above any it writes.</summary>
    public const long MaxJsonBytes = 64L << 20;

    /// <summary>Refuses <paramref name="path"/> unless it is a regular file (or a symbolic link to one).</summary>
    /// <param name="expected">What should be there, for the message: "a trace file", "a campaign file (.yaml)".</param>
    public static void Check(string path, string expected)
    {
        var entry = FileEntry.Of(path);
        switch (entry.Kind)
        {
            case EntryKind.RegularFile:
                return;
            case EntryKind.Absent:
                throw new UserInputException($"{path}: no such file");
            case EntryKind.BrokenLink or EntryKind.LinkLoop:
                throw new UserInputException($"{path}: is {entry.Describe()}; expected {expected}");
            default:
                throw new UserInputException($"{path}: is {entry.Describe()}, not a regular file; expected {expected}");
        }
    }

    /// <summary>Opens a regular file for reading (see <see cref="Check"/>); one longer than <paramref name="maxBytes"/> is refused before it is read.</summary>
    public static FileStream OpenRead(string path, string expected, long maxBytes = long.MaxValue, int bufferSize = 1 << 16)
    {
        Check(path, expected);
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize);
            var length = stream.Length;
            if (length <= maxBytes) return stream;
            stream.Dispose();
            throw new UserInputException($"{path}: {length:N0} bytes; {expected} has at most {maxBytes:N0} (is this the right file?)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{path}: cannot be read ({IoErrors.Reason(e)})", e);
        }
    }

    /// <summary>A regular file's bytes, refused beyond <paramref name="maxBytes"/> (before they are read).</summary>
    public static byte[] ReadAllBytes(string path, string expected, long maxBytes)
    {
        using var stream = OpenRead(path, expected, maxBytes);
        try
        {
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            return bytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{path}: cannot be read ({IoErrors.Reason(e)})", e);
        }
    }

    /// <summary>A regular file's text (UTF-8; a byte-order mark is dropped), refused beyond <paramref name="maxBytes"/>.</summary>
    public static string ReadAllText(string path, string expected, long maxBytes) =>
        new System.Text.UTF8Encoding(false).GetString(WithoutByteOrderMark(ReadAllBytes(path, expected, maxBytes)));

    /// <summary>The bytes after a UTF-8 byte-order mark, if there is one: editors on some systems write it, and it is not text.</summary>
    public static ReadOnlySpan<byte> WithoutByteOrderMark(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? bytes[3..] : bytes;
}
