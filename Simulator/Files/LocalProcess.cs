using System.Diagnostics;

namespace NodeSim.Files;

/// <summary>Whether a process of this host still runs: what lets NodeSim clean up after a killed one, and only after it.</summary>
public static class LocalProcess
{
    /// <summary>
    /// True when process <paramref name="pid"/> runs; with <paramref name="startedUtc"/>, only if it is
    /// the same process (started within a second of it — each process derives start times from the boot
    /// time anew, so they differ by milliseconds), so that a reused PID does not count.
    /// </summary>
    public static bool IsRunning(int pid, DateTime? startedUtc = null)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            if (process.HasExited) return false;
            return startedUtc is not { } started || Math.Abs((process.StartTime.ToUniversalTime() - started).TotalSeconds) < 1;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
