using System.Globalization;
using System.Net;
using NodeSim.Engine;
using NodeSim.Files;

namespace NodeSim.Orchestration.Slurm;

/// <summary>
/// <c>nodesim run --backend slurm</c>: the campaign's runs as a Slurm job array. The submitter holds
/// the run directory's lock throughout; each array task runs its share (<see cref="RunTask"/>),
/// writing its runs' parts (atomically, as a local run does) and a status file; when the array has
/// finished, the parts are gathered by the same code that gathers a local run's, so
/// <c>runs.csv</c>, <c>summary.csv</c> and the tables are byte-identical to a local run's.
/// </summary>
public sealed class SlurmBackend : ICampaignBackend
{
    public string Name => "slurm";
    public string Description => "a Slurm job array: the runs spread over array tasks, gathered into the same tables";
    public bool ReportsEachRun => false;
    public IReadOnlyList<string> Directories => [SlurmPlan.Directory, $"{SlurmPlan.Directory}/{SlurmPlan.StatusDirectory}"];

    /// <summary>
    /// The options are what sbatch takes (a time limit in one of its formats, one line per option), Slurm's commands exist,
    /// the partition is one Slurm knows, and the array's tasks can see the run directory.
    /// </summary>
    public void Preflight(RunOptions options, string outputDirectory)
    {
        SlurmPlan.CheckOptions(Settings(options));
        foreach (var command in new[] { "sbatch", "squeue", "sinfo" })
            if (SlurmCommands.Which(command) is null)
                throw new UserInputException($"no {command} on PATH: --backend slurm needs Slurm's client commands (sbatch, squeue, sinfo)");
        if (Settings(options).Partition is { } p && !SlurmCommands.Partitions().Contains(p))
            throw new UserInputException($"--partition {p}: Slurm knows no such partition (sinfo lists: {string.Join(", ", SlurmCommands.Partitions())})");
        var existing = outputDirectory;
        while (!Directory.Exists(existing) && Path.GetDirectoryName(Path.GetFullPath(existing)) is { } parent) existing = parent;
        if (SlurmPlan.InvisibleToTasks(outputDirectory, SlurmPlan.FileSystemType(existing), SlurmCommands.Nodes(), Dns.GetHostName()) is { } why)
            throw new UserInputException(why);
    }

    /// <summary>
    /// Writes the run list and the script, submits them (unless a dry run), waits for the array and gathers the parts. Runs
    /// that no task completed come back in the outcome's <see cref="CampaignOutcome.Missing"/>, with how their tasks ended.
    /// </summary>
    public CampaignOutcome? Run(Campaign campaign, RunDirectory run, RunStore store, RunOptions options, ICampaignObserver observer, CancellationToken cancellation)
    {
        var s = Settings(options);
        var directory = run.Path;
        store.Open(options.Resume);
        var missing = campaign.Runs.Where(r => store.Read(r) is null).ToList();
        var slurm = Path.Combine(directory, SlurmPlan.Directory);
        Directory.CreateDirectory(slurm);
        // Status files of an earlier submission would pass for this one's.
        foreach (var stale in run.Owned($"{SlurmPlan.Directory}/{SlurmPlan.StatusDirectory}")) run.DeleteOwned(stale);
        if (missing.Count > 0)
        {
            var tasks = SlurmPlan.Tasks(missing, s.ArrayChunk);
            SlurmPlan.WriteTasks(run, tasks);
            var script = Path.Combine(slurm, SlurmPlan.ScriptFile);
            run.WriteText($"{SlurmPlan.Directory}/{SlurmPlan.ScriptFile}", w => w.Write(SlurmPlan.Script(campaign.File, directory, tasks.Count,
                $"nodesim-{FileNames.Sanitize(campaign.Name)}", s.Partition, s.Time, s.SbatchArgs ?? [], options.Reseed)));
            // What Slurm and the tasks will write for NodeSim: its own before they exist, so a later run may replace them.
            for (var t = 0; t < tasks.Count; t++)
            {
                run.Claim(SlurmPlan.LogFile(t));
                run.Claim(SlurmPlan.StatusFile(t));
            }
            observer.Note($"{missing.Count} runs in {tasks.Count} array tasks of up to {s.ArrayChunk}: {script}");
            if (s.DryRun)
            {
                observer.Note("dry run: nothing submitted. The script is for inspection: its tasks write only while a submitting run holds the lock, so submit the campaign the same way without --dry-run");
                return null;
            }
            var job = SlurmCommands.Submit(script);
            observer.Note($"submitted Slurm job array {job}");
            var last = -1;
            while (SlurmCommands.Unfinished(job) > 0)
            {
                if (cancellation.IsCancellationRequested)
                {
                    SlurmCommands.Run("scancel", job);
                    observer.Note($"cancelled Slurm job {job}");
                    break;
                }
                var done = Directory.Exists(store.PartsDirectory) ? Directory.EnumerateFiles(store.PartsDirectory, "*.json").Count() : 0;
                if (done != last) observer.Note(string.Create(CultureInfo.InvariantCulture, $"slurm job {job}: {done}/{campaign.Runs.Count} runs complete"));
                last = done;
                Thread.Sleep(500);
            }
        }
        else if (s.DryRun)
        {
            observer.Note("dry run: every run is complete already; nothing to submit");
            return null;
        }
        var outcome = new CampaignRunner(campaign, store, 1, resume: true, execute: false).Run(cancellation, observer.Progress);
        return outcome.Interrupted && !cancellation.IsCancellationRequested ? outcome with { Missing = Missing(campaign, directory, outcome) } : outcome;
    }

    private static SlurmOptions Settings(RunOptions options) => options.Slurm ?? new SlurmOptions();

    /// <summary>The runs no task completed, each with how its task ended.</summary>
    private static List<(RunSpec, string)> Missing(Campaign campaign, string directory, CampaignOutcome outcome)
    {
        var done = outcome.Results.Select(r => r.Index).ToHashSet();
        var statuses = SlurmPlan.Statuses(directory);
        var tasks = File.Exists(Path.Combine(directory, SlurmPlan.Directory, SlurmPlan.TasksFile)) ? SlurmPlan.ReadTasks(directory) : [];
        return [.. campaign.Runs.Where(r => !done.Contains(r.Index)).Select(run =>
        {
            var task = tasks.FindIndex(t => t.Contains(run.Index));
            var how = task < 0 ? "no task" : statuses.TryGetValue(task, out var code) ? $"task {task} exited with {code}" : $"task {task} left no status (killed, cancelled or timed out)";
            return (run, how);
        })];
    }

    /// <summary>
    /// One array task: its share of the runs into the parts of <paramref name="output"/>, under the submitter's lock (which it
    /// does not take). The runs that failed, by key and error; all done and none failed is success.
    /// </summary>
    public static (bool Success, IReadOnlyList<RunResult> Failed) RunTask(Campaign campaign, string output, int task, int workers, AtomicFile files,
        CancellationToken cancellation)
    {
        if (!File.Exists(Path.Combine(output, RunLock.FileName)))
            throw new UserInputException($"{output}: not locked by a submitting `nodesim run --backend slurm`; --task-index runs only as one of its array tasks");
        var mine = SlurmPlan.ReadTask(output, task).ToHashSet();
        var runner = new CampaignRunner(campaign, new RunStore(output, files), workers, resume: true, only: r => mine.Contains(r.Index), joinParts: true);
        var outcome = runner.Run(cancellation);
        var failed = outcome.Results.Where(r => mine.Contains(r.Index) && r.Error is not null).ToList();
        return (outcome.Results.Count(r => mine.Contains(r.Index)) == mine.Count && failed.Count == 0, failed);
    }
}
