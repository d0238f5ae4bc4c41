using Mono.Unix;
using Mono.Unix.Native;

namespace NodeSim.Files;

/// <summary>What a path names, as the file system says without opening it.</summary>
public enum EntryKind
{
    Absent,
    RegularFile,
    Directory,
    Fifo,
    Socket,
    CharacterDevice,
    BlockDevice,
    /// <summary>A symbolic link whose target does not exist.</summary>
    BrokenLink,
    /// <summary>Symbolic links that lead back to themselves.</summary>
    LinkLoop,
}

/// <summary>
/// What is at a path — a regular file, a directory, a FIFO, a device, a socket, a symbolic link and
/// where it leads — from stat(2) and lstat(2), never by opening it: opening a FIFO blocks until
/// someone writes, and a device such as <c>/dev/zero</c> never ends. Readers refuse and writers
/// never replace anything but a regular file by this, whatever the path is called.
/// </summary>
/// <param name="Kind">What the path names, its symbolic links followed.</param>
/// <param name="IsLink">The path itself is a symbolic link.</param>
/// <param name="Target">Where the path's links lead (the path itself when it is no link).</param>
public readonly record struct FileEntry(EntryKind Kind, bool IsLink, string Target)
{
    /// <exception cref="UserInputException">The path cannot be looked at (a permission on a directory above it).</exception>
    public static FileEntry Of(string path)
    {
        var full = Path.GetFullPath(path);
        if (Syscall.lstat(full, out var entry) != 0)
            return Stdlib.GetLastError() switch
            {
                Errno.ENOENT or Errno.ENOTDIR => new FileEntry(EntryKind.Absent, false, full),
                Errno.ELOOP => new FileEntry(EntryKind.LinkLoop, false, full),
                var errno => throw new UserInputException($"{path}: cannot be looked at ({UnixMarshal.GetErrorDescription(errno)})"),
            };
        if ((entry.st_mode & FilePermissions.S_IFMT) != FilePermissions.S_IFLNK) return new FileEntry(KindOf(entry.st_mode), false, full);
        string target;
        try
        {
            target = File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
        }
        catch (IOException)
        {
            return new FileEntry(EntryKind.LinkLoop, true, full);
        }
        if (Syscall.stat(full, out var final) == 0) return new FileEntry(KindOf(final.st_mode), true, target);
        return Stdlib.GetLastError() switch
        {
            Errno.ENOENT or Errno.ENOTDIR => new FileEntry(EntryKind.BrokenLink, true, target),
            Errno.ELOOP => new FileEntry(EntryKind.LinkLoop, true, full),
            var errno => throw new UserInputException($"{path}: cannot be looked at ({UnixMarshal.GetErrorDescription(errno)})"),
        };
    }

    private static EntryKind KindOf(FilePermissions mode) => (mode & FilePermissions.S_IFMT) switch
    {
        FilePermissions.S_IFREG => EntryKind.RegularFile,
        FilePermissions.S_IFDIR => EntryKind.Directory,
        FilePermissions.S_IFIFO => EntryKind.Fifo,
        FilePermissions.S_IFSOCK => EntryKind.Socket,
        FilePermissions.S_IFCHR => EntryKind.CharacterDevice,
        FilePermissions.S_IFBLK => EntryKind.BlockDevice,
        _ => EntryKind.BrokenLink,
    };

    /// <summary>What the path is, in words: "a FIFO (named pipe)", "a symbolic link to /x, which does not exist".</summary>
    public string Describe() => Kind switch
    {
        EntryKind.Absent => "nothing (no such file)",
        EntryKind.RegularFile => IsLink ? $"a symbolic link to the file {Target}" : "a regular file",
        EntryKind.Directory => "a directory",
        EntryKind.Fifo => "a FIFO (named pipe)",
        EntryKind.Socket => "a socket",
        EntryKind.CharacterDevice => "a character device",
        EntryKind.BlockDevice => "a block device",
        EntryKind.BrokenLink => $"a symbolic link to {Target}, which does not exist",
        EntryKind.LinkLoop => "a loop of symbolic links",
    } + (IsLink && Kind is not (EntryKind.RegularFile or EntryKind.BrokenLink or EntryKind.LinkLoop) ? $" (through a symbolic link to {Target})" : "");
}
