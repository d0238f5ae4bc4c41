using NodeSim.Files;
using NodeSim.Orchestration;
using System.Text.Json;
using NodeSim.Reporting;
using NodeSim.Reporting.Campaigns;
using NodeSim.Tests.Cli;

namespace NodeSim.Tests.Reporting;

/// <summary>
/// A run directory is NodeSim's, locked, and NodeSim deletes or replaces only its own files in it.
/// Each case asserts the exit code, the message, and that nothing else changed.
/// </summary>
public class RunDirectoryTests
{
    private const string Campaign = """
        campaign: tiny
        replications: 1
        scenarios:
          - {name: one, kind: job, stacks: [native-kitten], profile: compute, window_s: 0.5}
        """;

    private const string OtherCampaign = """
        campaign: tiny
        replications: 1
        scenarios:
          - {name: one, kind: job, stacks: [native-linux], profile: compute, window_s: 0.5}
        """;

    private static NodeSimProcess.Result Run(TempDir dir, string output, string campaign = Campaign, params string[] more)
    {
        var file = dir.File(campaign == Campaign ? "tiny.yaml" : "other.yaml", campaign);
        return NodeSimInProcess.Run(["run", file, "--out", output, "--workers", "1", .. more]);
    }

    /// <summary>Every file under <paramref name="root"/> with its content, to compare before and after.</summary>
    private static Dictionary<string, string> Snapshot(string root, Func<string, bool> keep) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f)).Where(keep)
            .ToDictionary(f => f, f => File.ReadAllText(Path.Combine(root, f)));

    private static void Foreign(string output)
    {
        Directory.CreateDirectory(Path.Combine(output, "plots"));
        File.WriteAllText(Path.Combine(output, "plots", "figure1.png"), "a thesis figure");
        File.WriteAllText(Path.Combine(output, ".draft.tmp"), "not NodeSim's temporary file");
    }

    [Test]
    public void ADirectoryThatIsNotNodeSimsIsRefusedAndLeftAlone()
    {
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "paper");
        Foreign(output);
        var before = Snapshot(output, _ => true);
        var r = Run(dir, output);
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stderr);
        Assert.That(r.Stderr, Does.Contain($"--out {output}: not empty and not a NodeSim run directory"));
        Assert.That(Snapshot(output, _ => true), Is.EqualTo(before));
    }

    [Test]
    public void InItsOwnDirectoryNodeSimReplacesOnlyItsOwnFiles()
    {
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "results");
        Assert.That(Run(dir, output).ExitCode, Is.Zero);
        File.WriteAllText(Path.Combine(output, "notes.md"), "my notes");
        File.WriteAllText(Path.Combine(output, ".draft.tmp"), "not NodeSim's temporary file");
        var mine = Snapshot(output, f => f.StartsWith("plots", StringComparison.Ordinal));
        Assert.That(mine, Is.Not.Empty);
        var r = Run(dir, output);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(File.ReadAllText(Path.Combine(output, "notes.md")), Is.EqualTo("my notes"));
        Assert.That(File.Exists(Path.Combine(output, ".draft.tmp")), Is.True);
        Assert.That(Snapshot(output, f => f.StartsWith("plots", StringComparison.Ordinal)).Keys, Is.EquivalentTo(mine.Keys), "its own plots, replaced");
        Assert.That(Directory.Exists(Path.Combine(output, "parts")), Is.False, "its parts are discarded once the tables are written");
        Assert.That(File.Exists(Path.Combine(output, RunLock.FileName)), Is.False, "the lock is released");
    }

    [TestCase("plots/figure1.png", "plots/")]
    [TestCase("parts/notes.txt", "parts/")]
    public void AFileNodeSimDidNotWriteInADirectoryItWritesIntoIsFoundBeforeAnyRun(string foreign, string where)
    {
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "results");
        Assert.That(Run(dir, output).ExitCode, Is.Zero);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(output, foreign))!);
        File.WriteAllText(Path.Combine(output, foreign), "a thesis figure");
        var before = Snapshot(output, _ => true);
        var r = Run(dir, output);
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain($"{foreign}: NodeSim did not write it, and it writes into {where} of this run directory").And.Contain("nothing has been written yet"));
        Assert.That(Snapshot(output, _ => true), Is.EqualTo(before), "nothing ran, nothing changed");
    }

    [Test]
    public void ADirectoryAnOlderNodeSimWroteCountsByItsManifest()
    {
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "results");
        Assert.That(Run(dir, output).ExitCode, Is.Zero);
        File.Delete(Path.Combine(output, RunDirectoryMarker.FileName));   // as written before the marker existed
        var r = Run(dir, output);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(File.Exists(Path.Combine(output, RunDirectoryMarker.FileName)), Is.True);
    }

    [Test]
    public void AnotherCampaignsDirectoryNeedsForceAndForceKeepsOtherFiles()
    {
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "results");
        Assert.That(Run(dir, output).ExitCode, Is.Zero);
        File.WriteAllText(Path.Combine(output, "notes.md"), "my notes");
        var refused = Run(dir, output, OtherCampaign);
        Assert.That(refused.ExitCode, Is.EqualTo(2));
        Assert.That(refused.Stderr, Does.Contain("holds the results of another campaign file").And.Contain("--force"));
        var forced = Run(dir, output, OtherCampaign, "--force");
        Assert.That(forced.ExitCode, Is.Zero, forced.Stderr);
        Assert.That(File.ReadAllText(Path.Combine(output, "runs.csv")), Does.Contain("native-linux").And.Not.Contain("native-kitten"));
        Assert.That(File.ReadAllText(Path.Combine(output, "notes.md")), Is.EqualTo("my notes"));
    }

    [Test]
    public void FinishedRunsAreKeptUnlessResumedOrForced()
    {
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "results");
        Assert.That(Run(dir, output, Campaign, "--keep-parts").ExitCode, Is.Zero);
        var parts = Snapshot(Path.Combine(output, "parts"), _ => true);
        var refused = Run(dir, output);
        Assert.That(refused.ExitCode, Is.EqualTo(2));
        Assert.That(refused.Stderr, Does.Contain("has 1 finished runs of a campaign that did not complete; add --resume"));
        Assert.That(Snapshot(Path.Combine(output, "parts"), _ => true), Is.EqualTo(parts));
        Assert.That(Run(dir, output, Campaign, "--resume").ExitCode, Is.Zero);
    }

    [TestCase("/", "is the root of the file system")]
    [TestCase("", "an empty path")]
    public void PlacesNoRunBelongsInAreRefused(string output, string message)
    {
        using var dir = new TempDir();
        var r = Run(dir, output);
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain(message));
    }

    [Test]
    public void TheHomeDirectoryItselfIsRefused()
    {
        using var dir = new TempDir();
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var before = Directory.EnumerateFileSystemEntries(home).Count();
        var r = Run(dir, home);
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("is your home directory"));
        Assert.That(Directory.EnumerateFileSystemEntries(home).Count(), Is.EqualTo(before));
    }

    private static void Lock(string output, LockHolder holder)
    {
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, RunLock.FileName), JsonSerializer.Serialize(holder, JsonFormat.Options));
    }

    [Test]
    public void ADirectoryInUseIsRefusedAtOnceNamingTheOtherProcess()
    {
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "results");
        Lock(output, LockHolder.Current());   // this very process, alive
        var r = Run(dir, output);
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain($"in use by another nodesim (PID {Environment.ProcessId}"));
        Assert.That(File.Exists(Path.Combine(output, RunLock.FileName)), Is.True, "another's lock is not removed");
    }

    [Test]
    public void ASecondProcessIsRefusedWhileTheFirstRunsAndTakesOverOnceItIsKilled()
    {
        using var dir = new TempDir();
        var file = dir.File("slow.yaml", NodeSim.Tests.Engine.CampaignRunnerTests.Slow);
        var output = Path.Combine(dir.Path, "results");
        // The first process is mid-campaign (a run persisted, a dozen to go) when the second asks for the directory.
        using var first = NodeSim.Tests.Engine.CampaignRunnerTests.StartAndWaitForRuns(Path.Combine(output, "parts"), 1, "run", file, "--out", output, "--workers", "1");
        Assert.That(first.HasExited, Is.False, "the first run is still running");
        var second = NodeSimInProcess.Run("run", file, "--out", output, "--resume");
        Assert.That(second.ExitCode, Is.EqualTo(2));
        Assert.That(second.Stderr, Does.Contain($"in use by another nodesim (PID {first.Id}"));
        first.Kill(entireProcessTree: true);
        first.WaitForExit();
        var resumed = NodeSimInProcess.Run("run", file, "--out", output, "--resume");
        Assert.That(resumed.ExitCode, Is.Zero, resumed.Stderr);
        Assert.That(resumed.Stderr, Does.Contain($"took over the lock of nodesim PID {first.Id}"));
    }

    [Test]
    public void AStaleLockOfADeadProcessIsTakenOverAndAnotherHostsNeedsBreakLock()
    {
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "results");
        Lock(output, LockHolder.Current() with { Pid = int.MaxValue - 7 });   // no such process
        var r = Run(dir, output);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(r.Stderr, Does.Contain("took over the lock of nodesim PID"));
        Assert.That(File.Exists(Path.Combine(output, RunLock.FileName)), Is.False);

        Lock(output, LockHolder.Current() with { Host = "elsewhere" });
        var refused = Run(dir, output);
        Assert.That(refused.ExitCode, Is.EqualTo(2));
        Assert.That(refused.Stderr, Does.Contain("on host elsewhere").And.Contain("--break-lock"));
        Assert.That(Run(dir, output, Campaign, "--break-lock").ExitCode, Is.Zero);
    }

    [Test]
    public void TemporaryFilesAKilledRunLeftAreRemoved()
    {
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "results");
        Assert.That(Run(dir, output, Campaign, "--keep-parts").ExitCode, Is.Zero);
        var leftovers = new[] { ".jobs.csv.gz.4242.0123456789abcdef0123456789abcdef.tmp", "parts/.one__p000__native-kitten__r00.json.4242.0123456789abcdef0123456789abcdef.tmp" };
        foreach (var l in leftovers) File.WriteAllText(Path.Combine(output, l), "half");
        File.WriteAllText(Path.Combine(output, ".draft.tmp"), "mine");
        Assert.That(Run(dir, output, Campaign, "--resume").ExitCode, Is.Zero);
        Assert.That(leftovers.Where(l => File.Exists(Path.Combine(output, l))), Is.Empty);
        Assert.That(File.Exists(Path.Combine(output, ".draft.tmp")), Is.True);
    }
}
