using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NodeSim.Files;

namespace NodeSim.Orchestration;

/// <summary>Who holds a run directory: the host, the process and when it started.</summary>
public sealed record LockHolder(string Host, int Pid, string ProcessStart, string Since, string Command)
{
    public static LockHolder Current()
    {
        using var self = Process.GetCurrentProcess();
        return new LockHolder(Environment.MachineName, Environment.ProcessId, self.StartTime.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture), string.Join(' ', Environment.GetCommandLineArgs().Skip(1)));
    }

    /// <summary>A lock file that is not a lock NodeSim wrote (empty, or another program's): its holder cannot be known.</summary>
    public static readonly LockHolder Unreadable = new("", 0, "", "", "");

    /// <summary>Whom a lock taken over belonged to, as far as NodeSim can tell.</summary>
    public string TakenOver() =>
        this == Unreadable ? "an unreadable lock file (on your word, --break-lock)"
        : Host == Environment.MachineName ? $"nodesim PID {Pid} on {Host}, which is no longer running"
        : $"nodesim PID {Pid} on host {Host}, on your word (--break-lock): NodeSim cannot see another host's processes";

    /// <summary>True when this holder is a process on this host that is still running (the same process, not a reused PID).</summary>
    public bool IsAliveHere() =>
        Host == Environment.MachineName && LocalProcess.IsRunning(Pid,
            DateTime.TryParse(ProcessStart, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var started) ? started.ToUniversalTime() : null);
}

/// <summary>
/// The lock of a run directory, <c>.nodesim.lock</c>: one <c>nodesim</c> process writes into a run
/// directory at a time. The lock file is made complete under a temporary name and linked into place
/// without replacing (link(2), exclusive on local file systems and NFS alike), so it always names
/// its holder. A lock left by a process that died on this host is taken over; one from another host
/// only when asked (<c>--break-lock</c>), since NodeSim cannot see whether that process still runs.
/// Disposing releases it.
/// </summary>
public sealed class RunLock : IDisposable
{
    public const string FileName = ".nodesim.lock";

    private readonly string _path;
    private readonly LockHolder _holder;
    private bool _released;

    private RunLock(string path, LockHolder holder, LockHolder? tookOverFrom)
    {
        _path = path;
        _holder = holder;
        TookOverFrom = tookOverFrom;
    }

    /// <summary>The holder of a stale lock this one replaced, if any.</summary>
    public LockHolder? TookOverFrom { get; }

    /// <summary>Takes the lock of <paramref name="directory"/> (which must exist).</summary>
    /// <exception cref="UserInputException">Another live process holds it, or one on another host without <paramref name="breakForeign"/>.</exception>
    public static RunLock Acquire(string directory, string option, bool breakForeign)
    {
        var path = Path.Combine(directory, FileName);
        var me = LockHolder.Current();
        LockHolder? stale = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (TryCreate(path, me)) return new RunLock(path, me, stale);
            var other = Read(path);
            if (other is null) continue;   // released meanwhile
            if (other == LockHolder.Unreadable && !breakForeign)
                throw new UserInputException($"{option} {directory}: its lock {FileName} cannot be read (empty, or not written by NodeSim); " +
                                             "if no nodesim is running in this directory, add --break-lock");
            if (other != LockHolder.Unreadable && (other.Host == me.Host ? other.IsAliveHere() : !breakForeign))
                throw new UserInputException(other.Host == me.Host
                    ? $"{option} {directory}: in use by another nodesim (PID {other.Pid}, since {other.Since}: {other.Command}); wait for it to end, or choose another {option}"
                    : $"{option} {directory}: locked by nodesim PID {other.Pid} on host {other.Host} (since {other.Since}); if that run is gone, add --break-lock");
            stale = other;
            TryDelete(path);
        }
        throw new UserInputException($"{option} {directory}: could not take the lock {path}; another nodesim keeps taking it");
    }

    private static bool TryCreate(string path, LockHolder me)
    {
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllText(temporary, JsonSerializer.Serialize(me, JsonFormat.Options));
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{Path.GetDirectoryName(path)}: cannot create the lock file {FileName} ({IoErrors.Reason(e)})", e);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    /// <summary>The lock's holder; null when there is no lock (released meanwhile); <see cref="LockHolder.Unreadable"/> for one NodeSim did not write.</summary>
    private static LockHolder? Read(string path)
    {
        var entry = FileEntry.Of(path);
        if (entry.Kind == EntryKind.Absent) return null;
        if (entry.IsLink || entry.Kind != EntryKind.RegularFile)
            throw new UserInputException($"{path}: is {entry.Describe()}, not a lock NodeSim wrote; move it away (NodeSim never deletes what is not a file of its own)");
        try
        {
            var holder = JsonSerializer.Deserialize<LockHolder>(InputFile.ReadAllText(path, "NodeSim's lock", InputFile.MaxJsonBytes), JsonFormat.Options);
            return holder is { Host.Length: > 0, Pid: > 0 } ? holder : LockHolder.Unreadable;
        }
        catch (JsonException)
        {
            return LockHolder.Unreadable;
        }
        catch (UserInputException) when (!File.Exists(path))
        {
            return null;
        }
    }

    /// <summary>Releases the lock if it is still this process's.</summary>
    public void Dispose()
    {
        if (_released) return;
        _released = true;
        if (Read(_path) == _holder) TryDelete(_path);
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
