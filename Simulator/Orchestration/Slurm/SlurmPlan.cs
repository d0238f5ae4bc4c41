using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using NodeSim.Engine;
using NodeSim.Files;

namespace NodeSim.Orchestration.Slurm;

/// <summary>
/// A campaign as a Slurm job array: which runs each array task executes, and the script that runs
/// them. Files live in the run directory's <c>slurm/</c>: <c>tasks.json</c> (the expanded run list,
/// by task), <c>array.sh</c>, each task's log and its status file (exit code, timing).
/// </summary>
public static partial class SlurmPlan
{
    public const string Directory = "slurm";
    public const string TasksFile = "tasks.json";
    public const string ScriptFile = "array.sh";
    public const string StatusDirectory = "status";

    /// <summary>
    /// Deals <paramref name="runs"/> into tasks of at most <paramref name="chunk"/> runs, costliest first (as their kinds
    /// estimate) and round-robin, so no task holds all the costly runs.
    /// </summary>
    public static List<List<int>> Tasks(IReadOnlyList<RunSpec> runs, int chunk)
    {
        if (chunk < 1) throw new UserInputException($"--array-chunk must be at least 1 (got {chunk})");
        var count = Math.Max(1, (runs.Count + chunk - 1) / chunk);
        var tasks = Enumerable.Range(0, count).Select(_ => new List<int>()).ToList();
        var ordered = RunExecutor.CostliestFirst(runs);
        for (var i = 0; i < ordered.Count; i++) tasks[i % count].Add(ordered[i].Index);
        foreach (var t in tasks) t.Sort();
        return tasks;
    }

    public static void WriteTasks(Reporting.IOutputDirectory run, List<List<int>> tasks) =>
        run.Write($"{Directory}/{TasksFile}", s => JsonSerializer.Serialize(s, tasks));

    /// <summary>Task <paramref name="task"/>'s log, relative to the run directory (as the script's <c>--output</c> names it).</summary>
    public static string LogFile(int task) => string.Create(CultureInfo.InvariantCulture, $"{Directory}/task-{task}.log");

    /// <summary>Task <paramref name="task"/>'s status file, relative to the run directory (as the script writes it).</summary>
    public static string StatusFile(int task) => string.Create(CultureInfo.InvariantCulture, $"{Directory}/{StatusDirectory}/task-{task}.json");

    /// <summary>
    /// Refuses options sbatch would not take, before anything is written: a time limit not in one of Slurm's formats
    /// (<c>MM</c>, <c>MM:SS</c>, <c>HH:MM:SS</c>, <c>D-HH</c>, <c>D-HH:MM</c>, <c>D-HH:MM:SS</c>, <c>UNLIMITED</c>), and a
    /// partition or option with a line break or another control character, which would end its <c>#SBATCH</c> line early.
    /// </summary>
    public static void CheckOptions(SlurmOptions options)
    {
        if (options.Time is { } time && !TimeLimit().IsMatch(time))
            throw new UserInputException($"--time: '{Models.Printable.Of(time)}' is not a Slurm time limit; expected minutes (30), MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS or UNLIMITED");
        foreach (var (option, value) in (options.SbatchArgs ?? []).Select(a => ("--sbatch-arg", a)).Prepend(("--partition", options.Partition ?? "")))
            if (value.Any(char.IsControl))
                throw new UserInputException($"{option}: '{Models.Printable.Of(value)}' holds a control character (a line break ends an #SBATCH line); give one option per --sbatch-arg");
    }

    [GeneratedRegex(@"^(\d+(:\d{1,2}){0,2}|\d+-\d+(:\d{1,2}){0,2}|(?i:unlimited|infinite))$")]
    private static partial Regex TimeLimit();

    /// <summary>Every task's runs, as the submission wrote them.</summary>
    public static List<List<int>> ReadTasks(string runDirectory)
    {
        var path = Path.Combine(runDirectory, Directory, TasksFile);
        if (!File.Exists(path)) throw new UserInputException($"{path}: no task list; --task-index is for the array tasks of `nodesim run --backend slurm`");
        return JsonSerializer.Deserialize<List<List<int>>>(InputFile.ReadAllText(path, "a task list", InputFile.MaxJsonBytes)) ?? [];
    }

    /// <summary>The runs of task <paramref name="index"/>.</summary>
    public static IReadOnlyList<int> ReadTask(string runDirectory, int index)
    {
        var tasks = ReadTasks(runDirectory);
        if (index < 0 || index >= tasks.Count) throw new UserInputException($"--task-index {index}: the array has tasks 0 to {tasks.Count - 1}");
        return tasks[index];
    }

    /// <summary>The sbatch script: one array task per entry of the task list, each running its runs with NodeSim and writing its status.</summary>
    public static string Script(string campaignFile, string runDirectory, int tasks, string jobName, string? partition, string? time,
        IReadOnlyList<string> sbatchArgs, ulong? reseed)
    {
        static string Q(string s) => "'" + s.Replace("'", "'\\''") + "'";
        var dir = Path.GetFullPath(runDirectory);
        var slurm = Path.Combine(dir, Directory);
        var nodesim = Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet"
            ? $"{Q(host)} {Q(typeof(SlurmPlan).Assembly.Location)}"
            : Q(Environment.ProcessPath ?? "nodesim");
        var s = new StringBuilder();
        s.Append("#!/bin/bash\n");
        s.Append(CultureInfo.InvariantCulture, $"#SBATCH --job-name={jobName}\n#SBATCH --array=0-{tasks - 1}\n");
        s.Append(CultureInfo.InvariantCulture, $"#SBATCH --output={slurm}/task-%a.log\n#SBATCH --ntasks=1\n#SBATCH --cpus-per-task=1\n");
        if (partition is not null) s.Append(CultureInfo.InvariantCulture, $"#SBATCH --partition={partition}\n");
        if (time is not null) s.Append(CultureInfo.InvariantCulture, $"#SBATCH --time={time}\n");
        foreach (var a in sbatchArgs) s.Append(CultureInfo.InvariantCulture, $"#SBATCH {a}\n");
        s.Append("# Written by nodesim run --backend slurm: each array task runs its share of the campaign's runs\n");
        s.Append("# (slurm/tasks.json) into the run directory's parts/, then records how it ended in slurm/status/.\n");
        s.Append("started=$(date +%s.%N)\n");
        s.Append(CultureInfo.InvariantCulture, $"{nodesim} run {Q(Path.GetFullPath(campaignFile))} --out {Q(dir)} --task-index \"$SLURM_ARRAY_TASK_ID\" --workers 1{(reseed is { } r ? $" --reseed {r}" : "")}\n");
        s.Append("code=$?\n");
        s.Append(CultureInfo.InvariantCulture, $"mkdir -p {Q(Path.Combine(slurm, StatusDirectory))}\n");
        s.Append(CultureInfo.InvariantCulture,
            $"printf '{{\"task\": %s, \"exit_code\": %s, \"started\": %s, \"ended\": %s, \"host\": \"%s\"}}\\n' \"$SLURM_ARRAY_TASK_ID\" \"$code\" \"$started\" \"$(date +%s.%N)\" \"$(hostname)\" > {Q(Path.Combine(slurm, StatusDirectory))}/task-\"$SLURM_ARRAY_TASK_ID\".json\n");
        s.Append("exit $code\n");
        return s.ToString();
    }

    /// <summary>What each task's status file says: task → exit code (tasks that wrote none are missing: killed, cancelled, timed out).</summary>
    public static IReadOnlyDictionary<int, int> Statuses(string runDirectory)
    {
        var dir = Path.Combine(runDirectory, Directory, StatusDirectory);
        var statuses = new Dictionary<int, int>();
        if (!System.IO.Directory.Exists(dir)) return statuses;
        foreach (var file in System.IO.Directory.EnumerateFiles(dir, "task-*.json"))
            try
            {
                using var doc = JsonDocument.Parse(InputFile.ReadAllText(file, "a task status", InputFile.MaxJsonBytes));
                statuses[doc.RootElement.GetProperty("task").GetInt32()] = doc.RootElement.GetProperty("exit_code").GetInt32();
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or UserInputException)
            {
                // A status file cut short: the task ended abnormally; it counts as missing.
            }
        return statuses;
    }

    /// <summary>
    /// Why the array's tasks cannot see <paramref name="runDirectory"/>, or null when they can: a directory on a file system
    /// local to this machine (tmpfs, ramfs, overlay) is invisible to a cluster with nodes other than this one.
    /// </summary>
    public static string? InvisibleToTasks(string runDirectory, string fileSystemType, IReadOnlyList<string> nodes, string thisHost)
    {
        string[] local = ["tmpfs", "ramfs", "overlay", "devtmpfs"];
        var remoteNodes = nodes.Where(n => n != thisHost && n != "localhost" && !thisHost.StartsWith(n + ".", StringComparison.Ordinal)).ToList();
        if (remoteNodes.Count == 0 || !local.Contains(fileSystemType)) return null;
        return $"{runDirectory} is on {fileSystemType}, local to {thisHost}, but the cluster's nodes include {string.Join(", ", remoteNodes.Take(3))}: " +
               "the array tasks could not see it. Put the run directory (and the NodeSim build) on a shared file system";
    }

    /// <summary>The file system type <paramref name="path"/> lives on, from /proc/mounts (the longest mount point that contains it).</summary>
    public static string FileSystemType(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists("/proc/mounts")) return "unknown";
        return File.ReadAllLines("/proc/mounts").Select(l => l.Split(' ')).Where(f => f.Length > 2)
            .Where(f => full == f[1] || full.StartsWith(f[1].TrimEnd('/') + "/", StringComparison.Ordinal))
            .OrderByDescending(f => f[1].Length).Select(f => f[2]).FirstOrDefault() ?? "unknown";
    }
}
