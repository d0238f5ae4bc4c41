using System.Globalization;
using System.Net;
using NodeSim.Cli;
using NodeSim.Cli.Commands;
using NodeSim.Config;
using NodeSim.Engine;
using NodeSim.Reporting;
using NodeSim.Reporting.Campaigns;

namespace NodeSim.Backends.Slurm;

/// <summary>
/// <c>nodesim run --backend slurm</c>: the campaign's runs as a Slurm job array. The submitter holds
/// the run directory's lock throughout; each array task runs its share with <c>--task-index</c>,
/// writing its runs' parts (atomically, as a local run does) and a status file; when the array has
/// finished, the parts are gathered by the same code that writes a local run's tables, so
/// <c>runs.csv</c>, <c>summary.csv</c> and the tables are byte-identical to a local run's.
/// </summary>
public static class SlurmBackend
{
    /// <summary>A test seam: the array task with this index fails before running anything, as a killed task does.</summary>
    public const string FailTaskVariable = "NODESIM_TEST_FAIL_TASK";

    /// <summary>Before anything is written: Slurm's commands exist and the partition is one Slurm knows.</summary>
    public static void Preflight(RunCommand.Settings s)
    {
        foreach (var command in new[] { "sbatch", "squeue", "sinfo" })
            if (SlurmCommands.Which(command) is null)
                throw new UserInputException($"no {command} on PATH: --backend slurm needs Slurm's client commands (sbatch, squeue, sinfo)");
        if (s.Partition is { } p && !SlurmCommands.Partitions().Contains(p))
            throw new UserInputException($"--partition {p}: Slurm knows no such partition (sinfo lists: {string.Join(", ", SlurmCommands.Partitions())})");
    }

    /// <summary>Refuses a run directory the array's tasks could not see (on a file system local to this machine, with other nodes in the cluster).</summary>
    public static void CheckVisible(string output)
    {
        var existing = output;
        while (!Directory.Exists(existing) && Path.GetDirectoryName(Path.GetFullPath(existing)) is { } parent) existing = parent;
        if (SlurmPlan.InvisibleToTasks(output, SlurmPlan.FileSystemType(existing), SlurmCommands.Nodes(), Dns.GetHostName()) is { } why)
            throw new UserInputException(why);
    }

    /// <summary>
    /// Writes the run list and the script, submits them (unless a dry run), waits for the array and gathers the parts:
    /// the runner and its outcome (null for a dry run).
    /// </summary>
    public static (CampaignRunner, CampaignOutcome)? Submit(RunCommand.Settings s, Campaign campaign, string directory, CancellationToken cancellation)
    {
        var store = new RunStore(directory);
        store.Open(s.Resume);
        var missing = campaign.Runs.Where(r => store.Read(r) is null).ToList();
        var slurm = Path.Combine(directory, SlurmPlan.Directory);
        Directory.CreateDirectory(slurm);
        var status = Path.Combine(slurm, SlurmPlan.StatusDirectory);
        if (Directory.Exists(status))
            foreach (var f in Directory.EnumerateFiles(status, "task-*.json")) File.Delete(f);   // NodeSim's own, from an earlier submission
        if (missing.Count > 0)
        {
            var tasks = SlurmPlan.Tasks(missing, s.ArrayChunk);
            SlurmPlan.WriteTasks(directory, tasks);
            var script = Path.Combine(slurm, SlurmPlan.ScriptFile);
            AtomicFile.WriteText(script, w => w.Write(SlurmPlan.Script(s.File, directory, tasks.Count, $"nodesim-{FileNames.Sanitize(campaign.Name)}",
                s.Partition, s.Time, s.SbatchArgs, s.Reseed)));
            Terminal.Note($"{missing.Count} runs in {tasks.Count} array tasks of up to {s.ArrayChunk}: {script}");
            if (s.DryRun)
            {
                Terminal.Note($"dry run: nothing submitted. The script is for inspection: its tasks write only while a submitting run holds the lock, so submit with: nodesim run {s.File} --out {directory} --backend slurm");
                return null;
            }
            var job = SlurmCommands.Submit(script);
            Terminal.Note($"submitted Slurm job array {job}");
            var total = campaign.Runs.Count;
            var last = -1;
            while (SlurmCommands.Unfinished(job) > 0)
            {
                if (cancellation.IsCancellationRequested)
                {
                    SlurmCommands.Run("scancel", job);
                    throw new UserInputException($"interrupted: cancelled Slurm job {job}; resume with: nodesim run {s.File} --out {directory} --backend slurm --resume");
                }
                var done = Directory.Exists(store.PartsDirectory) ? Directory.EnumerateFiles(store.PartsDirectory, "*.json").Count() : 0;
                if (done != last) Terminal.Note(string.Create(CultureInfo.InvariantCulture, $"slurm job {job}: {done}/{total} runs complete"));
                last = done;
                Thread.Sleep(500);
            }
        }
        else if (s.DryRun)
        {
            Terminal.Note("dry run: every run is complete already; nothing to submit");
            return null;
        }
        var runner = new CampaignRunner(campaign, directory, 1, resume: true, execute: false);
        return (runner, runner.Run(cancellation));
    }

    /// <summary>Reports the runs no task completed, by scenario and point, with how their tasks ended; exit code 1.</summary>
    public static int ReportMissing(RunCommand.Settings s, Campaign campaign, string directory, CampaignOutcome outcome)
    {
        var done = outcome.Results.Select(r => r.Index).ToHashSet();
        var statuses = SlurmPlan.Statuses(directory);
        var tasks = File.Exists(Path.Combine(directory, SlurmPlan.Directory, SlurmPlan.TasksFile)) ? SlurmPlan.ReadTasks(directory) : [];
        foreach (var run in campaign.Runs.Where(r => !done.Contains(r.Index)))
        {
            var task = tasks.FindIndex(t => t.Contains(run.Index));
            var how = task < 0 ? "no task" : statuses.TryGetValue(task, out var code) ? $"task {task} exited with {code}" : $"task {task} left no status (killed, cancelled or timed out)";
            Terminal.ErrorLine($"run missing: {run.Label} ({how})");
        }
        Terminal.Note($"{campaign.Runs.Count - done.Count} of {campaign.Runs.Count} runs are missing; the task logs are in {Path.Combine(directory, SlurmPlan.Directory)}; " +
                      $"resubmit only those with: nodesim run {s.File} --out {directory} --backend slurm --resume");
        return ExitCodes.ChecksFailed;
    }

    /// <summary>One array task: its runs into the parts, under the submitter's lock (which it does not take).</summary>
    public static int RunTask(RunCommand.Settings s, int task, CancellationToken cancellation)
    {
        if (Environment.GetEnvironmentVariable(FailTaskVariable) == task.ToString(CultureInfo.InvariantCulture))
        {
            Console.Error.WriteLine($"nodesim: task {task} fails on purpose ({FailTaskVariable})");
            return 3;
        }
        var campaign = CampaignLoader.Load(s.File, s.Reseed);
        var output = s.Out ?? throw new UserInputException("--task-index needs --out: the submitting run's directory");
        if (!File.Exists(Path.Combine(output, RunLock.FileName)))
            throw new UserInputException($"{output}: not locked by a submitting `nodesim run --backend slurm`; --task-index runs only as one of its array tasks");
        var mine = SlurmPlan.ReadTask(output, task).ToHashSet();
        var runner = new CampaignRunner(campaign, output, s.Workers ?? 1, resume: true, only: r => mine.Contains(r.Index), joinParts: true);
        var outcome = runner.Run(cancellation);
        var failed = outcome.Results.Where(r => mine.Contains(r.Index) && r.Error is not null).ToList();
        foreach (var f in failed) Console.Error.WriteLine($"nodesim: run failed: {f.Key}: {f.Error}");
        return outcome.Results.Count(r => mine.Contains(r.Index)) == mine.Count && failed.Count == 0 ? ExitCodes.Success : ExitCodes.ChecksFailed;
    }
}
