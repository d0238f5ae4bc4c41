using NodeSim.Files;
using NodeSim.Tests.Cli;

namespace NodeSim.Tests.Reporting;

/// <summary>
/// A full disk and a read-only directory, by a stand-in for the disk given to the command line as
/// its file writer (CI runs as root, which ignores file modes): each is exit 2 with the OS's reason
/// and the file, never a crash, and nothing is lost.
/// </summary>
public class IoFailureTests
{
    private const string Campaign = """
        campaign: io
        replications: 2
        scenarios:
          - {name: one, kind: job, stacks: [native-kitten, native-linux], profile: compute, window_s: 0.5}
        """;

    private static NodeSimProcess.Result Run(TempDir dir, string output, Func<string, Exception?>? fail, params string[] more) =>
        NodeSimInProcess.Run(Contexts.BuiltIn, fail is null ? AtomicFile.Disk : new FailingDisk(fail),
            ["run", dir.File("io.yaml", Campaign), "--out", output, "--workers", "2", .. more]);

    [Test]
    public void AFullDiskWhileAWorkerPersistsARunStopsTheCampaignResumably()
    {
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "out");
        var r = Run(dir, output, path => path.EndsWith("__r01.json", StringComparison.Ordinal) ? new IOException("No space left on device") : null);
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stderr);
        Assert.That(r.Stderr, Does.Contain("cannot be written (No space left on device)").And.Contain($"resume with: nodesim run {dir.File("io.yaml")} --out {output} --resume"));
        Assert.That(r.Stderr, Does.Not.Contain(".tmp"), "no temporary name the user never chose");
        Assert.That(r.Stderr, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(File.Exists(Path.Combine(output, "runs.csv")), Is.False);
        Assert.That(Directory.GetFiles(Path.Combine(output, "parts"), "*.tmp"), Is.Empty);
        var resumed = Run(dir, output, null, "--resume");
        Assert.That(resumed.ExitCode, Is.Zero, resumed.Stderr);
        Assert.That(File.ReadAllLines(Path.Combine(output, "runs.csv")), Has.Length.EqualTo(1 + 4));
    }

    [Test]
    public void AReadOnlyOutputDirectoryIsExit2AndLeavesNothing()
    {
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "out");
        var r = Run(dir, output, _ => new UnauthorizedAccessException("Access to the path is denied."));
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stderr);
        Assert.That(r.Stderr, Does.Contain(".nodesim-run.json: cannot be written (Access to the path is denied)"));
        Assert.That(Directory.EnumerateFileSystemEntries(output), Is.Empty, "no marker, no lock, no temporary file");
    }

    [Test]
    public void AFullDiskWhileDrawingPlotsIsOneClearError()
    {
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "out");
        var r = Run(dir, output, path => path.Contains("/plots/", StringComparison.Ordinal) ? new IOException("No space left on device") : null);
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stderr);
        Assert.That(r.Stderr, Does.Contain("/plots/").And.Contain("cannot be written (No space left on device)"));
        Assert.That(r.Stderr, Does.Contain("the runs finished so far are kept").And.Contain("resume with: nodesim run").And.Not.Contain(".tmp"));
        Assert.That(r.Stderr, Does.Not.Contain("AggregateException"));
        var plot = NodeSimInProcess.Run("plot", output);
        Assert.That(plot.ExitCode, Is.EqualTo(2));
        Assert.That(plot.Stderr, Does.Contain("its run stopped while writing the tables and plots").And.Contain("--resume"));
        var again = Run(dir, output, null, "--resume");
        Assert.That(again.ExitCode, Is.Zero, again.Stderr);
        Assert.That(NodeSimInProcess.Run("plot", output).ExitCode, Is.Zero, "complete again");
    }

    [Test]
    public void AFullDiskWhileTheJobTableIsWrittenPublishesNothingAndSaysHowToResume()
    {
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "out");
        var r = Run(dir, output, path => path.EndsWith("jobs.csv.gz", StringComparison.Ordinal) && !path.Contains("/parts/", StringComparison.Ordinal)
            ? new IOException("No space left on device") : null);
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stderr);
        Assert.That(r.Stderr, Does.Contain("jobs.csv.gz: cannot be written (No space left on device)").And.Contain("resume with: "));
        Assert.That(File.Exists(Path.Combine(output, "jobs.csv.gz")), Is.False, "nothing half-written is published");
        Assert.That(Run(dir, output, null, "--resume").ExitCode, Is.Zero);
    }
}
