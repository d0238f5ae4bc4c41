using NodeSim.Orchestration.Slurm;
using NodeSim.Tests.Cli;

namespace NodeSim.Tests.Backends;

/// <summary>
/// <c>nodesim run --backend slurm</c>: the plan and the script (unit tests), the refusals, and — against the real
/// one-node Slurm that .ci/run starts — a campaign that matches a local run byte for byte, a failed task reported
/// by run, and a resume that completes it.
/// </summary>
public class SlurmBackendTests
{
    private const string Small = """
        campaign: small
        seed: 5
        replications: 2
        scenarios:
          - name: jobs
            kind: job
            stacks: [native-linux, hafnium-kitten]
            ranks: 16
            window_s: 0.2
            sweep:
              profile: [bsp-allreduce, io]
          - name: replay
            kind: replay
            stacks: [ideal, hafnium-kitten]
            trace: synthetic:hpc?jobs=100&nodes=8
        """;

    [Test]
    public void TasksTakeEveryRunOnceAndSpreadTheCostliest()
    {
        using var dir = new TempDir();
        var campaign = Contexts.Loader.Load(dir.File("c.yaml", Small));
        var tasks = SlurmPlan.Tasks(campaign.Runs, 3);
        Assert.That(tasks, Has.Count.EqualTo(4));
        Assert.That(tasks.SelectMany(t => t).Order(), Is.EqualTo(campaign.Runs.Select(r => r.Index)));
        Assert.That(tasks, Has.All.Count.LessThanOrEqualTo(3));
        // Four replays, the costliest, go to four different tasks.
        var replays = campaign.Runs.Where(r => r.Scenario.Name == "replay").Select(r => r.Index).ToHashSet();
        Assert.That(tasks.Select(t => t.Count(replays.Contains)), Has.All.EqualTo(1));
    }

    [Test]
    public void TheScriptRunsEachTasksShareAndRecordsHowItEnded()
    {
        var script = SlurmPlan.Script("c.yaml", "/shared/runs/x", 4, "nodesim-x", "batch", "30:00", ["--account=hpc"], 7);
        Assert.That(script, Does.StartWith("#!/bin/bash\n"));
        Assert.That(script, Does.Contain("#SBATCH --array=0-3").And.Contain("#SBATCH --partition=batch").And.Contain("#SBATCH --time=30:00")
            .And.Contain("#SBATCH --account=hpc").And.Contain("--task-index \"$SLURM_ARRAY_TASK_ID\"").And.Contain("--reseed 7")
            .And.Contain("/shared/runs/x/slurm/status"));
    }

    [TestCase("tmpfs", new[] { "node1", "node2" }, "login", true)]
    [TestCase("tmpfs", new[] { "localhost" }, "login", false)]
    [TestCase("tmpfs", new[] { "login" }, "login", false)]
    [TestCase("nfs4", new[] { "node1", "node2" }, "login", false)]
    [TestCase("overlay", new[] { "node1" }, "login", true)]
    public void ARunDirectoryLocalToThisMachineIsRefusedWhenOtherNodesWouldRunTheTasks(string fileSystem, string[] nodes, string host, bool refused)
    {
        var why = SlurmPlan.InvisibleToTasks("/tmp/run", fileSystem, nodes, host);
        Assert.That(why is not null, Is.EqualTo(refused));
        if (refused) Assert.That(why, Does.Contain("shared file system"));
    }

    [Test]
    public void WithoutSbatchOnPathNothingIsWrittenOrSubmitted()
    {
        using var dir = new TempDir();
        var empty = Directory.CreateDirectory(Path.Combine(dir.Path, "empty-path")).FullName;
        var r = NodeSimProcess.RunWith(dir.Path, new Dictionary<string, string> { ["PATH"] = empty },
            "run", dir.File("c.yaml", Small), "--out", Path.Combine(dir.Path, "out"), "--backend", "slurm");
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stderr);
        Assert.That(r.Stderr, Does.Contain("no sbatch on PATH"));
        Assert.That(Directory.Exists(Path.Combine(dir.Path, "out")), Is.False);
    }

    /// <summary>The real Slurm .ci/run starts: in CI its absence is a failure with the reason, elsewhere the test cannot run.</summary>
    private static void RequireSlurm()
    {
        var answers = SlurmCommands.Which("sbatch") is not null && SlurmCommands.Which("sinfo") is not null
                      && SlurmCommands.Run("sinfo", "-h", "-o", "%T").Out.Contains("idle");
        if (answers) return;
        const string why = "no Slurm cluster answers (sbatch/sinfo missing or no idle node): .ci/run starts one with .ci/slurm-up";
        if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail(why);
        Assert.Ignore(why);
    }

    [Test]
    public void OnSlurmACampaignMatchesALocalRunAndAFailedTaskIsReportedThenResumed()
    {
        RequireSlurm();
        using var dir = new TempDir();
        var file = dir.File("small.yaml", Small);
        string Out(string name) => Path.Combine(dir.Path, name);
        Assert.That(NodeSimProcess.RunIn(dir.Path, "run", file, "--out", Out("local")).ExitCode, Is.Zero);
        var slurm = NodeSimProcess.RunIn(dir.Path, "run", file, "--out", Out("slurm"), "--backend", "slurm", "--array-chunk", "3");
        Assert.That(slurm.ExitCode, Is.Zero, slurm.Stderr);
        foreach (var table in new[] { "runs.csv", "summary.csv" })
            Assert.That(File.ReadAllBytes(Path.Combine(Out("slurm"), table)), Is.EqualTo(File.ReadAllBytes(Path.Combine(Out("local"), table))), table);

        // Task 1 fails before running anything — an sbatch first on PATH edits the script it submits so, then hands it to the
        // real one: its runs are reported, by scenario and point, and a resume resubmits only them.
        var wrapper = Directory.CreateDirectory(Path.Combine(dir.Path, "failing-task-1")).FullName;
        File.WriteAllText(Path.Combine(wrapper, "sbatch"), $$"""
            #!/bin/bash
            script="${@: -1}"
            sed -i 's|^\(.*--task-index.*\)$|if [ "$SLURM_ARRAY_TASK_ID" = 1 ]; then (exit 3); else \1; fi|' "$script"
            exec {{SlurmCommands.Which("sbatch")}} "$@"
            """.ReplaceLineEndings("\n"));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(Path.Combine(wrapper, "sbatch"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = $"{wrapper}:{Environment.GetEnvironmentVariable("PATH")}";
        var failed = NodeSimProcess.RunWith(dir.Path, new Dictionary<string, string> { ["PATH"] = path },
            "run", file, "--out", Out("again"), "--backend", "slurm", "--array-chunk", "3");
        Assert.That(failed.ExitCode, Is.EqualTo(1), failed.Stderr);
        Assert.That(failed.Stderr, Does.Contain("run missing: ").And.Contain("(task 1 exited with 3)"));
        var resumed = NodeSimProcess.RunIn(dir.Path, "run", file, "--out", Out("again"), "--backend", "slurm", "--array-chunk", "3", "--resume");
        Assert.That(resumed.ExitCode, Is.Zero, resumed.Stderr);
        Assert.That(resumed.Stderr + resumed.Stdout, Does.Contain("3 runs in 1 array tasks"));
        foreach (var table in new[] { "runs.csv", "summary.csv" })
            Assert.That(File.ReadAllBytes(Path.Combine(Out("again"), table)), Is.EqualTo(File.ReadAllBytes(Path.Combine(Out("local"), table))), table);
    }

    [Test]
    public void APartitionSlurmRejectsIsRefusedBeforeAnythingIsSubmitted()
    {
        RequireSlurm();
        using var dir = new TempDir();
        var r = NodeSimProcess.RunIn(dir.Path, "run", dir.File("c.yaml", Small), "--out", Path.Combine(dir.Path, "out"), "--backend", "slurm", "--partition", "no-such");
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stderr);
        Assert.That(r.Stderr, Does.Contain("--partition no-such: Slurm knows no such partition"));
        Assert.That(Directory.Exists(Path.Combine(dir.Path, "out")), Is.False);
    }

    [Test]
    public void ADryRunNeverReplacesAUsersScriptInTheRunDirectoryAndItsOwnFilesAreRecorded()
    {
        RequireSlurm();
        using var dir = new TempDir();
        var file = dir.File("c.yaml", Small);
        var output = Path.Combine(dir.Path, "out");
        var first = NodeSimProcess.RunIn(dir.Path, "run", file, "--out", output, "--backend", "slurm", "--dry-run");
        Assert.That(first.ExitCode, Is.Zero, first.Stderr);
        var marker = File.ReadAllText(Path.Combine(output, ".nodesim-run.json"));
        Assert.That(marker, Does.Contain("slurm/array.sh").And.Contain("slurm/tasks.json").And.Contain("slurm/task-0.log").And.Contain("slurm/status/task-0.json"),
            "NodeSim's own before they exist, so a later run may replace them");
        Assert.That(NodeSimProcess.RunIn(dir.Path, "run", file, "--out", output, "--backend", "slurm", "--dry-run").ExitCode, Is.Zero, "its own are replaced");

        // A finished local run with a user's own script where NodeSim's goes: refused before anything is written.
        var local = Path.Combine(dir.Path, "local");
        Assert.That(NodeSimProcess.RunIn(dir.Path, "run", file, "--out", local).ExitCode, Is.Zero);
        var script = Path.Combine(local, "slurm", "array.sh");
        Directory.CreateDirectory(Path.Combine(local, "slurm"));
        File.WriteAllText(script, "#!/bin/bash\n# my own submission script\n");
        var refused = NodeSimProcess.RunIn(dir.Path, "run", file, "--out", local, "--backend", "slurm", "--dry-run", "--force");
        Assert.That(refused.ExitCode, Is.EqualTo(2), refused.Stderr);
        Assert.That(refused.Stderr, Does.Contain($"{script}: NodeSim did not write it, and it writes into slurm/ of this run directory"));
        Assert.That(File.ReadAllText(script), Is.EqualTo("#!/bin/bash\n# my own submission script\n"));
    }
}
