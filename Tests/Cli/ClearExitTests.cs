namespace NodeSim.Tests.Cli;

/// <summary>
/// Inputs that used to crash (exit 70 with a stack trace), hang or eat memory: each is now exit 2 with
/// one line that names the file, line and field, or the option, and what is accepted.
/// </summary>
public class ClearExitTests
{
    private const string Job = " 4 -1 -1 4 100 -1 1 1 1 1 1 -1 -1 -1\n";

    private static void Refused(string message, params string[] args)
    {
        var r = NodeSimInProcess.Run(args);
        Assert.Multiple(() =>
        {
            Assert.That(r.ExitCode, Is.EqualTo(2), r.Stderr);
            Assert.That(r.Stderr.TrimEnd(), Is.EqualTo("error: " + message));
            Assert.That(r.Stderr, Does.Not.Contain("   at "));
        });
    }

    [TestCase("1 0 0 1e300" + Job, "field 4 (run time): '1e300' is beyond what the simulator's clock can replay; expected at most 1,000,000,000 seconds (about 31 years)")]
    [TestCase("1 9223372036854775808 0 10" + Job, "field 2 (submit time): '9223372036854775808' is beyond what the simulator's clock can replay; expected at most 1,000,000,000 seconds (about 31 years)")]
    [TestCase("1 0 0 1\u0001\u0002abc" + Job, "field 4 (run time): '1\\x01\\x02abc' is not a number; expected a number, or -1 for unknown")]
    public void SwfValuesTheReplayCannotUseAreRefusedAtTheirField(string line, string problem)
    {
        using var dir = new TempDir();
        var path = dir.File("t.swf", line);
        Refused($"{path}:1: {problem}", "replay", "--trace", path, "--nodes", "4");
    }

    [Test]
    public void ValidateReadsTheTracesACampaignNames()
    {
        using var dir = new TempDir();
        dir.File("t.swf", "1 0 0 1e300" + Job);
        var campaign = dir.File("c.yaml", "campaign: c\nscenarios:\n  - {name: a, kind: replay, stacks: [ideal], trace: t.swf, nodes: 4}\n");
        Refused($"{campaign}:3:53: scenarios[0].trace: {Path.Combine(dir.Path, "t.swf")}:1: field 4 (run time): '1e300' is beyond what the simulator's clock can replay; " +
                "expected at most 1,000,000,000 seconds (about 31 years)", "validate", campaign);
    }

    [Test]
    public void ATraceWithNoJobToReplayNamesTheReasons()
    {
        using var dir = new TempDir();
        var path = dir.File("t.swf", "1 0 0 -1" + Job + "2 5 0 -1" + Job);
        Refused("t.swf: none of its 2 jobs can be replayed (2 unknown run time); check the trace, or the machine size (--nodes)", "replay", "--trace", path, "--nodes", "4");
    }

    [Test]
    public void EdgeRowsTheClockCannotHoldOrThatStartBeforeTheTraceAreRefused()
    {
        using var dir = new TempDir();
        var own = dir.File("own.csv", "id,arrival_s,service_s\na,1e300,1\n");
        Refused($"{own}:2: column 2 (arrival_s): '1e300' is beyond what the simulator's clock can replay; expected at most 1,000,000,000", "trace", "info", own);
        var functions = dir.File("f.csv", "app,func,end_timestamp,duration\na,f,1.0,5.0\n");
        Refused($"{functions}:2: column 4 (duration): '5.0' is longer than end_timestamp (1): the invocation would start before the trace; expected duration ≤ end_timestamp",
            "trace", "info", functions);
    }

    [Test]
    public void BinaryDataLongLinesDevicesAndFalseGzipAreRefusedBeforeTheyCostMemory()
    {
        using var dir = new TempDir();
        var binary = dir.File("b.swf");
        File.WriteAllBytes(binary, [.. "; Version: 2.2\n"u8, 0, 1, 2, 3]);
        Refused($"{binary}:2: binary data (a NUL byte at offset 15); expected a text trace (SWF, or an edge CSV), optionally gzip-compressed", "trace", "info", binary);
        var longLine = dir.File("l.swf", new string('7', 2 << 20));
        Refused($"{longLine}:1: a line longer than 1,048,576 bytes; not a trace (a record is a short line)", "trace", "info", longLine);
        Refused("/dev/zero: is a character device, not a regular file; expected a trace file (SWF, or an edge CSV, optionally gzip-compressed)", "trace", "info", "/dev/zero");
        var fake = dir.File("x.swf.gz", "1 0 0 10" + Job);
        Refused($"{fake}: is not gzip-compressed data, though its name ends in .gz; decompress it first, or rename it", "trace", "info", fake);
    }

    [Test]
    public void OptionsOfTheWrongTypeNameTheOption()
    {
        var r = NodeSimInProcess.Run("replay", "--trace", "synthetic:hpc?jobs=10", "--nodes", "abc");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.StartWith("error: --nodes: 'nodes' = 'abc' is not valid; expected a whole number").And.Not.Contain("Nullable"));
    }

    [Test]
    public void OutputUnderAFileAndTruncatedTablesAreClearErrors()
    {
        using var dir = new TempDir();
        var file = dir.File("afile", "x");
        var campaign = dir.File("c.yaml", "campaign: c\nreplications: 1\nscenarios:\n  - {name: a, kind: job, stacks: [ideal], profile: compute, window_s: 0.5}\n");
        Refused($"--out {Path.Combine(file, "sub")}: {file} is a file, so no directory can be made under it", "run", campaign, "--out", Path.Combine(file, "sub"));

        var output = Path.Combine(dir.Path, "out");
        Assert.That(NodeSimInProcess.Run("run", campaign, "--out", output).ExitCode, Is.Zero);
        var runs = Path.Combine(output, "runs.csv");
        File.WriteAllText(runs, File.ReadAllText(runs)[..^20]);
        var r = NodeSimInProcess.Run("plot", output);
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stderr);
        Assert.That(r.Stderr, Does.StartWith($"error: {runs}:2: ").And.Contain("fields where the header has"));
    }

    [Test]
    public void HugeGeneratedTracesAndCharacterisationsAreRefusedWithTheLimit()
    {
        Refused("'synthetic:hpc?jobs=2000000000': 'jobs' = '2000000000' is outside its range; expected 1 to 10000000", "trace", "generate", "synthetic:hpc?jobs=2000000000");
        var r = NodeSimInProcess.Run("soc", "characterize", "--accesses", "2147483647");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("--accesses must be 1 to 100,000,000"));
    }

    [Test]
    public void TemporaryFilesOfAKilledTraceGenerateAreRemovedByTheNext()
    {
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "gen.swf");
        var abandoned = Path.Combine(dir.Path, ".gen.swf.2147483000.0123456789abcdef0123456789abcdef.tmp");
        var mine = Path.Combine(dir.Path, ".gen.swf.notes.tmp");
        File.WriteAllText(abandoned, "");
        File.WriteAllText(mine, "kept");
        Assert.That(NodeSimInProcess.Run("trace", "generate", "synthetic:hpc?jobs=5", "--out", output).ExitCode, Is.Zero);
        Assert.That(File.Exists(abandoned), Is.False);
        Assert.That(File.Exists(mine), Is.True);
    }
}
