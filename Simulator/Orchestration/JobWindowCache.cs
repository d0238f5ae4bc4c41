using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NodeSim.Models.Costs;
using NodeSim.Models.Parameters;

using NodeSim.Engine;

namespace NodeSim.Orchestration;

/// <summary>
/// Job-execution results kept on disk between runs, so a replay's hundreds of job windows are simulated once per machine, not once
/// per process. NodeSim's own directory (<see cref="DefaultDirectory"/>), safe to delete at any time: an entry is a file named by the
/// SHA-256 of everything that decides the result — NodeSim's build (its engine and models assemblies, so a model change never reuses a
/// stale window), the profile, the stack (its kernels' and hypervisor's types and every catalogue parameter), the SoC, the interconnect,
/// the ranks, the injected noise, the seed and the window — written to a temporary name and renamed into place (safe with concurrent
/// campaigns and Slurm tasks on one file system), read back exactly (doubles round-trip), and ignored when unreadable. A stack that
/// replays a measured noise trace is not cached (its trace is not a parameter). The directory is trimmed to
/// <see cref="MaxBytes"/>, oldest first, touching only the files it wrote.
/// </summary>
public sealed class JobWindowCache : IJobWindowStore
{
    /// <summary>The most the cache holds; past it the oldest entries go (a window is about a kilobyte: a quarter of a million).</summary>
    public const long MaxBytes = 256L << 20;

    private const string Extension = ".window.json";
    private readonly string _directory;
    private int _trimmed;

    /// <param name="root">The cache's root (the build's entries go to a subdirectory of it).</param>
    public JobWindowCache(string root)
    {
        Root = root;
        _directory = Path.Combine(root, "job-windows", Build);
    }

    public string Root { get; }

    /// <summary>
    /// <c>$NODESIM_CACHE_DIR</c>, or <c>$XDG_CACHE_HOME/nodesim</c>, or <c>~/.cache/nodesim</c>; null when <c>NODESIM_CACHE_DIR=off</c>
    /// (no disk cache: every window is simulated).
    /// </summary>
    public static string? DefaultDirectory
    {
        get
        {
            var set = Environment.GetEnvironmentVariable("NODESIM_CACHE_DIR");
            if (string.Equals(set, "off", StringComparison.OrdinalIgnoreCase)) return null;
            if (!string.IsNullOrEmpty(set)) return set;
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return !string.IsNullOrEmpty(xdg) ? Path.Combine(xdg, "nodesim") : string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".cache", "nodesim");
        }
    }

    /// <summary>The default cache, or null when it is turned off.</summary>
    public static JobWindowCache? Default => DefaultDirectory is { } d ? new JobWindowCache(d) : null;

    /// <summary>This build of NodeSim: its engine's, models' and kernel's module ids (a deterministic build changes them when their code changes).</summary>
    public static string Build { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("/",
        new[] { typeof(JobExecution), typeof(IParameterized), typeof(Kernel.Simulation), typeof(Traces.Sources.WorkloadSource) }
            .Select(t => t.Assembly.ManifestModule.ModuleVersionId.ToString("N"))))))[..16];

    /// <summary>The key of <paramref name="request"/>: everything that decides its result, hashed; null when it cannot be keyed (measured noise).</summary>
    public static string? Key(JobExecutionRequest request)
    {
        var stack = request.Stack;
        if (stack.Primary?.Measured is not null || stack.Guest?.Measured is not null) return null;
        var text = new StringBuilder();
        void Model(string root, object? model)
        {
            text.Append(root).Append('=').Append(model?.GetType().FullName).Append('\n');
            if (model is IParameterized p)
                foreach (var (path, parameter, owner) in p.Parameters.All(model))
                    text.Append(root).Append('.').Append(path).Append('=').Append(parameter.Text(owner)).Append('\n');
        }
        text.Append("build=").Append(Build).Append('\n');
        Model("profile", request.Profile);
        Model("stack", stack);
        text.Append("stack.kernels=").Append(stack.Primary?.Name).Append('|').Append(stack.Hypervisor?.GetType().FullName).Append('|').Append(stack.Guest?.Name).Append('\n');
        Model("soc", request.Soc);
        Model("interconnect", request.Network);
        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"ranks={request.Ranks}\nseed={request.Seed}\nwindow={request.WindowSeconds:R}\n");
        text.Append("injected=").Append(request.Injected is { } i
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{i.FrequencyHz:R}/{i.DurationSeconds:R}/{i.Synchronized}") : "none").Append('\n');
        // The records' own text too: a field outside the catalogue still changes the key.
        text.Append(request.Profile).Append('\n').Append(request.Soc).Append('\n').Append(request.Network).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The result for <paramref name="request"/>: from the disk when there, else <paramref name="run"/>'s, written for the next time.</summary>
    public JobExecutionResult GetOrRun(JobExecutionRequest request, Func<JobExecutionResult> run)
    {
        if (Key(request) is not { } key) return run();
        var path = Path.Combine(_directory, key + Extension);
        if (Read(path) is { } cached) return cached;
        var result = run();
        Write(path, result);
        return result;
    }

    /// <summary>What the disk holds as a result: the fields of <see cref="JobExecutionResult"/>, written as they are.</summary>
    private sealed record Entry(double SlowdownPct, Dictionary<string, double> LedgerPct, Dictionary<string, double> AmplificationPct, double TranslationFactor,
        double[] PerSecond, int Iterations, double SimulatedSeconds);

    private static JobExecutionResult? Read(string path)
    {
        try
        {
            if (!File.Exists(path)) return null;
            var e = JsonSerializer.Deserialize<Entry>(File.ReadAllBytes(path));
            if (e is null || e.PerSecond is null || e.LedgerPct is null || e.AmplificationPct is null) return null;
            return new JobExecutionResult(e.SlowdownPct, e.LedgerPct.ToDictionary(kv => Enum.Parse<OverheadCause>(kv.Key), kv => kv.Value),
                e.AmplificationPct.ToDictionary(kv => Enum.Parse<OverheadCause>(kv.Key), kv => kv.Value), e.TranslationFactor, e.PerSecond, e.Iterations,
                e.SimulatedSeconds);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or ArgumentException or NotSupportedException)
        {
            return null;   // unreadable or half there: simulate it again
        }
    }

    private void Write(string path, JobExecutionResult r)
    {
        try
        {
            Directory.CreateDirectory(_directory);
            var entry = new Entry(r.SlowdownPct, r.LedgerPct.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value),
                r.AmplificationPct.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value), r.TranslationFactor, [.. r.PerSecond], r.Iterations, r.SimulatedSeconds);
            var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
            File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(entry));
            File.Move(temporary, path, overwrite: true);
            if (Interlocked.Exchange(ref _trimmed, 1) == 0) Trim(Path.Combine(Root, "job-windows"), MaxBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A cache that cannot be written (read-only, full) costs time, never a result.
        }
    }

    /// <summary>Deletes the oldest of NodeSim's entries under <paramref name="directory"/> (every build's) until they hold at most <paramref name="maxBytes"/>.</summary>
    public static void Trim(string directory, long maxBytes)
    {
        if (!Directory.Exists(directory)) return;
        var files = new DirectoryInfo(directory).EnumerateFiles("*" + Extension, SearchOption.AllDirectories).OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.FullName, StringComparer.Ordinal).ToList();
        var total = files.Sum(f => f.Length);
        foreach (var file in files)
        {
            if (total <= maxBytes) break;
            try
            {
                total -= file.Length;
                file.Delete();
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}
