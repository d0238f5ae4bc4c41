using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using NodeSim.Files;
using NodeSim.Orchestration;
using NodeSim.Tests.Cli;

namespace NodeSim.Tests.Reporting;

/// <summary>
/// A stop at any moment of a campaign's output phase — between any two of its files, or by a real kill at instants spread
/// over it — leaves a directory that <c>--resume</c> completes to the very tables an uninterrupted run writes, and that
/// <c>--force</c> cleans; a part cut short is made again, never published.
/// </summary>
public class OutputPhaseStopTests
{
    /// <summary>Runs that take little time and an output phase of a dozen plots: a job sweep and a replay, one replication.</summary>
    private const string Campaign = """
        campaign: stops
        seed: 11
        replications: 1
        scenarios:
          - name: sweep
            kind: job
            stacks: [native-linux, hafnium-kitten]
            profile: bsp-allreduce
            window_s: 0.05
            sweep:
              ranks: [4, 16]
          - name: cluster
            kind: replay
            stacks: [ideal, native-linux]
            trace: synthetic:hpc?jobs=60&nodes=8
            window_s: 0.05
        """;

    private static readonly string[] Tables = ["runs.csv", "summary.csv", "jobs.csv.gz"];

    private static NodeSimProcess.Result Run(AtomicFile disk, string file, string output, params string[] more) =>
        NodeSimInProcess.Run(Contexts.BuiltIn, disk, ["run", file, "--out", output, "--workers", "1", .. more]);

    private static void SameTables(string output, string reference, string what)
    {
        foreach (var table in Tables)
            Assert.That(File.ReadAllBytes(Path.Combine(output, table)), Is.EqualTo(File.ReadAllBytes(Path.Combine(reference, table))), $"{table}, {what}");
    }

    private static bool OutputsPending(string output) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(output, RunDirectoryMarker.FileName))).RootElement.GetProperty("outputs_pending").GetBoolean();

    [Test]
    public void AStopBetweenAnyTwoFilesOfTheOutputPhaseIsCompletedByResumeAndCleanedByForce()
    {
        using var dir = new TempDir();
        var file = dir.File("stops.yaml", Campaign);
        var reference = Path.Combine(dir.Path, "whole");
        Assert.That(Run(AtomicFile.Disk, file, reference).ExitCode, Is.Zero);
        // Every run done and persisted, the output phase not begun: a run stopped at its first file after the last part.
        var template = Path.Combine(dir.Path, "runs-done");
        var first = new StoppingDisk();
        Assert.That(Run(first, file, Path.Combine(dir.Path, "counted")).ExitCode, Is.Zero);
        var start = first.Files.Select((f, i) => (f, i)).Last(x => x.f.Contains("/parts/", StringComparison.Ordinal)).i + 1;
        Assert.That(Run(new StoppingDisk(start), file, template).ExitCode, Is.Not.Zero);
        // A resume of it writes only the output phase: its files, in order, are where the stops go.
        var counted = Path.Combine(dir.Path, "resumed");
        Copy(template, counted);
        var resume = new StoppingDisk();
        Assert.That(Run(resume, file, counted, "--resume").ExitCode, Is.Zero);
        SameTables(counted, reference, "a resume that was not stopped");
        var files = resume.Files;
        Assert.That(files.Count, Is.GreaterThan(20), "an output phase of many files");
        for (var stop = 0; stop < files.Count; stop++)
        {
            var output = Path.Combine(dir.Path, $"stopped-{stop}");
            Copy(template, output);
            var stopped = Run(new StoppingDisk(stop), file, output, "--resume");
            Assert.That(stopped.ExitCode, Is.Not.Zero, $"stopped before {files[stop]}");
            if (OutputsPending(output))
                Assert.That(NodeSimInProcess.Run("plot", output).Stderr, Does.Contain("its run stopped while writing the tables and plots"));
            // Most stops are completed by --resume; every fifth is started over with --force, which reruns every run.
            var again = Run(AtomicFile.Disk, file, output, stop % 5 == 4 ? "--force" : "--resume");
            Assert.That(again.ExitCode, Is.Zero, $"after a stop before {files[stop]}: {again.Stderr}");
            SameTables(output, reference, $"after a stop before {Path.GetFileName(files[stop])}");
            Assert.That(OutputsPending(output), Is.False);
            Assert.That(Directory.GetFiles(output, "*.tmp", SearchOption.AllDirectories), Is.Empty);
            Directory.Delete(output, recursive: true);
        }
    }

    private static void Copy(string from, string to)
    {
        foreach (var f in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, f));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(f, target);
        }
    }

    [Test]
    public void TenKillsSpreadOverTheOutputPhaseEachResumeToTheSameTables()
    {
        using var dir = new TempDir();
        var file = dir.File("stops.yaml", Campaign);
        var reference = Path.Combine(dir.Path, "whole");
        // The output phase's length, as this machine runs it: from the line that announces it to the process's end.
        var phase = Measure(file, reference);
        var midPhase = 0;
        for (var k = 1; k <= 10; k++)
        {
            var output = Path.Combine(dir.Path, $"killed-{k}");
            var at = phase * k / 11;
            // A kill late in the phase may come after the process has ended (it then completed; the tables must be the same all the same).
            StartAndKillInOutputPhase(file, output, at).Dispose();
            if (File.Exists(Path.Combine(output, RunDirectoryMarker.FileName)) && OutputsPending(output)) midPhase++;
            var resumed = Run(AtomicFile.Disk, file, output, "--resume");
            Assert.That(resumed.ExitCode, Is.Zero, $"kill {k}: {resumed.Stderr}");
            SameTables(output, reference, $"kill {k}");
        }
        Assert.That(midPhase, Is.GreaterThanOrEqualTo(3), $"kills that landed while the outputs were being written (output phase {phase.TotalMilliseconds:F0} ms)");
    }

    private static TimeSpan Measure(string file, string output)
    {
        var clock = new Stopwatch();
        using var process = NodeSimProcess.Start(null, line => { if (line.Contains(CampaignSession.WritingOutputs, StringComparison.Ordinal)) clock.Start(); },
            "run", file, "--out", output, "--workers", "1");
        process.WaitForExit();
        clock.Stop();
        Assert.That(process.ExitCode, Is.Zero);
        Assert.That(clock.Elapsed, Is.GreaterThan(TimeSpan.Zero), "the output phase is announced");
        return clock.Elapsed;
    }

    private static Process StartAndKillInOutputPhase(string file, string output, TimeSpan after)
    {
        using var announced = new ManualResetEventSlim();
        var process = NodeSimProcess.Start(null, line => { if (line.Contains(CampaignSession.WritingOutputs, StringComparison.Ordinal)) announced.Set(); },
            "run", file, "--out", output, "--workers", "1");
        if (announced.Wait(TimeSpan.FromSeconds(60)))
        {
            Thread.Sleep(after);
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        process.WaitForExit();
        return process;
    }

    [Test]
    public void APartCutShortIsMadeAgainAndNeverPublished()
    {
        using var dir = new TempDir();
        var file = dir.File("stops.yaml", Campaign);
        var reference = Path.Combine(dir.Path, "whole");
        Assert.That(Run(AtomicFile.Disk, file, reference, "--keep-parts").ExitCode, Is.Zero);
        var output = Path.Combine(dir.Path, "damaged");
        Assert.That(Run(AtomicFile.Disk, file, output, "--keep-parts").ExitCode, Is.Zero);
        // As a kill or a full disk could leave it: the largest job part cut to half.
        var part = Directory.GetFiles(Path.Combine(output, "parts"), "*.jobs.csv.gz").OrderByDescending(f => new FileInfo(f).Length).First();
        using (var stream = new FileStream(part, FileMode.Open)) stream.SetLength(stream.Length / 2);
        var resumed = Run(AtomicFile.Disk, file, output, "--resume");
        Assert.That(resumed.ExitCode, Is.Zero, resumed.Stderr);
        Assert.That(resumed.Stderr, Does.Contain("1 finished runs' parts were cut short or changed since they were written, so they ran again"));
        SameTables(output, reference, "after a damaged part");
        using var gzip = new GZipStream(File.OpenRead(Path.Combine(output, "jobs.csv.gz")), CompressionMode.Decompress);
        Assert.DoesNotThrow(() => gzip.CopyTo(Stream.Null), "the published job table is whole gzip");
    }
}
