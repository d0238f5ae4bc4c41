using System.Diagnostics;
using System.Runtime.InteropServices;
using NodeSim.Traces.Noise;

namespace NodeSim.Calibration;

/// <summary>What a noise probe measured about itself besides the detours.</summary>
/// <param name="ResolutionNs">The loop's undisturbed iteration: the median gap between two clock reads; detours shorter are not seen.</param>
/// <param name="FastestNs">The shortest gap seen: the clock read's own cost.</param>
/// <param name="Pinned">Whether each thread was pinned to its core (Linux: sched_setaffinity); elsewhere the OS may move it.</param>
/// <param name="Dropped">Detours not recorded because a core's buffer was full.</param>
public sealed record ProbeReport(NoiseTrace Trace, double ResolutionNs, double FastestNs, double ThresholdNs, bool Pinned, long Dropped);

/// <summary>
/// A selfish-detour probe (after Beckman et al.'s selfish benchmark and the fixed-work-quantum idea; Hoefler, Schneider and
/// Lumsdaine, SC'10, use such traces): one thread per chosen core, pinned to it, reads the monotonic high-resolution clock
/// (<see cref="Stopwatch.GetTimestamp"/>) in a tight loop; a gap between two reads above the threshold is a detour — the core
/// ran something else — recorded as (start, gap − the loop's undisturbed iteration). Nothing is allocated while it measures
/// (each core's buffer is sized first), so the probe's own garbage collection is not among what it sees.
/// </summary>
public static class NoiseProbe
{
    /// <summary>The default threshold: 1 µs, or ten undisturbed iterations if that is longer (a slow clock).</summary>
    public const double DefaultThresholdNs = 1000;

    /// <summary>Detours one core's buffer holds: 100,000 per second probed at most (far above any kernel's noise).</summary>
    private const double BufferPerSecond = 100_000;

    private const int MaxBuffer = 4 << 20;

    public static ProbeReport Run(IReadOnlyList<int> cores, double seconds, double? thresholdNs, string condition, CancellationToken cancel = default)
    {
        var nsPerTick = 1e9 / Stopwatch.Frequency;
        var (resolution, fastest) = Calibrate(nsPerTick);
        var threshold = thresholdNs ?? Math.Max(DefaultThresholdNs, 10 * resolution);
        if (threshold < 2 * resolution)
            throw new UserInputException($"--threshold-ns {threshold:G} is below twice the loop's undisturbed iteration here ({resolution:G3} ns): every iteration would be a detour; give at least {Math.Ceiling(2 * resolution)}");
        var thresholdTicks = (long)Math.Ceiling(threshold / nsPerTick);
        // At most 4 M detours per core (64 MB): a board with 2 GB probes four cores for any time.
        var capacity = (int)Math.Min(MaxBuffer, Math.Max(1024, seconds * BufferPerSecond));
        var starts = cores.Select(_ => new long[capacity]).ToArray();
        var gaps = cores.Select(_ => new long[capacity]).ToArray();
        var counts = new int[cores.Count];
        var dropped = new long[cores.Count];
        var pinned = new bool[cores.Count];
        var ready = new Barrier(cores.Count + 1);
        long origin = 0, end = 0;
        var threads = cores.Select((core, i) => new Thread(() =>
        {
            pinned[i] = Pin(core);
            ready.SignalAndWait();   // every thread pinned
            ready.SignalAndWait();   // origin and end set
            long prev = Stopwatch.GetTimestamp(), stop = end, start = origin;
            var (s, g) = (starts[i], gaps[i]);
            var n = 0;
            long lost = 0;
            while (prev < stop)
            {
                var now = Stopwatch.GetTimestamp();
                var gap = now - prev;
                if (gap > thresholdTicks)
                {
                    // A gap that runs past the end is cut there: the trace covers the probe's time, no more.
                    if (n < s.Length) { s[n] = prev - start; g[n] = Math.Min(gap, stop - prev); n++; }
                    else lost++;
                }
                prev = now;
                if ((n & 0x3FF) == 0 && cancel.IsCancellationRequested) break;
            }
            counts[i] = n;
            dropped[i] = lost;
        }) { IsBackground = true, Priority = ThreadPriority.Highest, Name = $"noise probe core {core}" }).ToList();
        foreach (var t in threads) t.Start();
        ready.SignalAndWait();
        origin = Stopwatch.GetTimestamp();
        end = origin + (long)(seconds * Stopwatch.Frequency);
        ready.SignalAndWait();
        foreach (var t in threads) t.Join();
        var byCore = new Dictionary<int, Detour[]>();
        for (var i = 0; i < cores.Count; i++)
        {
            // A gap is the detour and the iteration it interrupted: take the undisturbed iteration off (at least 1 ns stays).
            byCore[cores[i]] = [.. Enumerable.Range(0, counts[i]).Select(k => new Detour((long)Math.Round(starts[i][k] * nsPerTick),
                Math.Max(1, (long)Math.Round(gaps[i][k] * nsPerTick - resolution))))
                .Where(d => d.EndNs <= (long)Math.Round(seconds * 1e9))];
        }
        var header = new NoiseTraceHeader("nodesim", (long)Math.Round(seconds * 1e9), Environment.MachineName + $" ({RuntimeInformation.ProcessArchitecture}, {Environment.ProcessorCount} cores)",
            Kernel(), condition, resolution, threshold);
        return new ProbeReport(new NoiseTrace(header, byCore), resolution, fastest, threshold, pinned.All(p => p), dropped.Sum());
    }

    /// <summary>The running kernel's release (Linux: /proc/sys/kernel/osrelease, as <c>uname -r</c>) and the system it is part of.</summary>
    private static string Kernel()
    {
        try
        {
            if (File.Exists("/proc/sys/kernel/osrelease"))
                return $"Linux {File.ReadAllText("/proc/sys/kernel/osrelease").Trim()} ({RuntimeInformation.OSDescription})";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not readable here: the system's description below says what it can.
        }
        return RuntimeInformation.OSDescription;
    }

    /// <summary>The loop's undisturbed iteration (median gap) and its fastest, over a short warm-up run on the calling thread.</summary>
    private static (double Median, double Fastest) Calibrate(double nsPerTick)
    {
        var gaps = new long[200_000];
        var prev = Stopwatch.GetTimestamp();
        for (var i = 0; i < gaps.Length; i++)
        {
            var now = Stopwatch.GetTimestamp();
            gaps[i] = now - prev;
            prev = now;
        }
        Array.Sort(gaps);
        // A clock coarser than the loop reads the same value many times: the median gap is then 0, and the resolution the
        // smallest non-zero step.
        var median = gaps[gaps.Length / 2] > 0 ? gaps[gaps.Length / 2] : gaps.FirstOrDefault(g => g > 0, 1);
        return (median * nsPerTick, Math.Max(1, gaps.FirstOrDefault(g => g > 0, 1)) * nsPerTick);
    }

    /// <summary>Pins the calling thread to <paramref name="core"/> (Linux); false where that cannot be done.</summary>
    private static bool Pin(int core)
    {
        if (!OperatingSystem.IsLinux() || core >= 1024) return false;
        var mask = new ulong[16];
        mask[core / 64] = 1UL << (core % 64);
        try
        {
            return SchedSetAffinity(0, (nint)(mask.Length * sizeof(ulong)), mask) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    // pid 0: the calling thread (sched_setaffinity(2)).
    [DllImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static extern int SchedSetAffinity(int pid, nint cpusetsize, ulong[] mask);
}
