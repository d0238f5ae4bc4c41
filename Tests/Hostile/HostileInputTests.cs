using System.Net.Sockets;
using System.Security.Cryptography;
using Mono.Unix;
using Mono.Unix.Native;
using NodeSim.Cli.Conventions;
using NodeSim.Reporting.Plots;
using NodeSim.Tests.Cli;

namespace NodeSim.Tests.Hostile;

/// <summary>
/// NodeSim as a hostile or careless user drives it: each case is a command, the exit code and message it must give, and a
/// check that nothing outside NodeSim's own files changed — no device, FIFO, link or user file replaced, nothing
/// half-written left, no file NodeSim should have refused to write. One region per numbered item of the issue that found
/// them (writes by rename, numbers that cannot be right, foreign files, unbounded work, the smaller ones).
/// </summary>
public class HostileInputTests
{
    private const string Tiny = """
        campaign: tiny
        replications: 2
        scenarios:
          - {name: one, kind: job, stacks: [native-kitten, native-linux], profile: compute, window_s: 0.2}
          - {name: cluster, kind: replay, stacks: [ideal], trace: "synthetic:hpc?jobs=20&nodes=4"}
        """;

    /// <summary>A finished run of <see cref="Tiny"/>, made once; cases copy it.</summary>
    private static readonly Lazy<string> Finished = new(() =>
    {
        var root = Path.Combine(Path.GetTempPath(), "nodesim-tests-finished-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var file = Path.Combine(root, "tiny.yaml");
        File.WriteAllText(file, Tiny);
        var r = NodeSimInProcess.Run("run", file, "--out", Path.Combine(root, "run"), "--workers", "1");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        return root;
    });

    [OneTimeTearDown]
    public void RemoveFinished()
    {
        if (Finished.IsValueCreated) Directory.Delete(Finished.Value, recursive: true);
    }

    /// <summary>A copy of the finished run and its campaign file in <paramref name="dir"/>: (campaign file, run directory).</summary>
    private static (string File, string Run) FinishedRun(TempDir dir)
    {
        foreach (var f in Directory.EnumerateFiles(Finished.Value, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(dir.Path, Path.GetRelativePath(Finished.Value, f));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(f, target);
        }
        return (Path.Combine(dir.Path, "tiny.yaml"), Path.Combine(dir.Path, "run"));
    }

    /// <summary>Every entry under <paramref name="root"/>, links not followed: its type, and a regular file's SHA-256 or a link's target.</summary>
    private static SortedDictionary<string, string> Snapshot(string root)
    {
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        void Visit(string directory)
        {
            foreach (var path in Directory.EnumerateFileSystemEntries(directory))
            {
                var entry = UnixFileSystemInfo.GetFileSystemEntry(path);
                var relative = Path.GetRelativePath(root, path);
                entries[relative] = entry.FileType switch
                {
                    FileTypes.RegularFile => "file " + Hash(path),
                    FileTypes.SymbolicLink => "link to " + new UnixSymbolicLinkInfo(path).ContentsPath,
                    FileTypes.Directory => "directory",
                    var other => other.ToString(),
                };
                if (entry.FileType == FileTypes.Directory) Visit(path);
            }
        }
        Visit(root);
        return entries;
    }

    /// <summary>A file's SHA-256; for one too large to hash quickly (a sparse test file), its length and time.</summary>
    private static string Hash(string path)
    {
        var info = new FileInfo(path);
        if (info.Length > 64 << 20) return $"{info.Length} bytes, {info.LastWriteTimeUtc:O}";
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }

    /// <summary>Runs <paramref name="args"/> in-process and asserts exit 2, the message, no stack trace, and no change under <paramref name="dir"/>.</summary>
    private static NodeSimProcess.Result Refused(TempDir dir, string message, params string[] args)
    {
        var before = Snapshot(dir.Path);
        var r = NodeSimInProcess.Run(args);
        Assert.That(r.ExitCode, Is.EqualTo(2), $"{string.Join(' ', args)}: {r.Stderr}");
        Assert.That(r.Stderr, Does.Contain(message));
        Assert.That(r.Stderr, Does.Not.Contain("   at ").And.Not.Contain(".tmp"), "one sentence: no stack trace, no temporary name");
        Assert.That(Snapshot(dir.Path), Is.EqualTo(before), "nothing changed");
        return r;
    }

    private static string Fifo(TempDir dir, string name)
    {
        var path = dir.File(name);
        Assert.That(Syscall.mkfifo(path, FilePermissions.DEFFILEMODE), Is.Zero);
        return path;
    }

    /// <summary>A listening Unix socket at <paramref name="name"/> (its file goes when the socket is disposed).</summary>
    private static Socket UnixSocket(TempDir dir, string name)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(dir.File(name)));
        return socket;
    }

    private const string Generator = "synthetic:hpc?jobs=20&nodes=8";

    #region 3. Writes by rename never replace what is not a regular file NodeSim may own

    [Test]
    public void AFifoOrASocketIsNeverReplacedByAnOutput()
    {
        using var dir = new TempDir();
        var fifo = Fifo(dir, "pipe");
        using var listening = UnixSocket(dir, "socket");
        var socket = dir.File("socket");
        Refused(dir, $"{fifo}: is a FIFO (named pipe); NodeSim writes regular files only", "trace", "generate", Generator, "--out", fifo);
        Refused(dir, $"{socket}: is a socket; NodeSim writes regular files only", "trace", "generate", Generator, "--out", socket);
        Refused(dir, $"{fifo}: is a FIFO (named pipe)", "replay", "--trace", Generator, "--jobs-csv", fifo);
        Refused(dir, $"{fifo}: is a FIFO (named pipe)", "trace", "generate", Generator, "--out", fifo, "--force");
    }

    [Test]
    public void ADeviceIsNeverReplacedByAnOutput()
    {
        using var dir = new TempDir();
        var device = dir.File("null");
        // A character device like /dev/null, made here (as root, which CI is) so that a defect could only ever replace this copy.
        Assume.That(Syscall.mknod(device, FilePermissions.S_IFCHR | FilePermissions.DEFFILEMODE, (1 << 8) | 3), Is.Zero, "making a device node needs root");
        Refused(dir, $"{device}: is a character device; NodeSim writes regular files only", "trace", "generate", Generator, "--out", device, "--force");
        Refused(dir, $"{device}: is a character device", "baseline", "update", "--campaign", dir.File("tiny.yaml", Tiny), "--baseline", device);
    }

    [Test]
    public void AnExistingFileIsReplacedOnlyWithForce()
    {
        using var dir = new TempDir();
        var swf = dir.File("mine.swf", "my trace");
        var csv = dir.File("mine.csv", "my table");
        Refused(dir, $"--out {swf}: exists; add --force to replace it", "trace", "generate", Generator, "--out", swf);
        Refused(dir, $"--jobs-csv {csv}: exists; add --force to replace it", "replay", "--trace", Generator, "--jobs-csv", csv);
        Assert.That(NodeSimInProcess.Run("trace", "generate", Generator, "--out", swf, "--force").ExitCode, Is.Zero);
        Assert.That(File.ReadAllText(swf), Does.StartWith("; Version: 2.2"));
        Assert.That(NodeSimInProcess.Run("trace", "generate", Generator, "--out=-").Stdout, Does.StartWith("; Version: 2.2"), "--out=- is standard output");
        Refused(dir, "'-' alone is neither an option nor a value here: write a value that starts with '-' as OPTION=VALUE (only `trace generate --out=-` means standard output",
            "trace", "generate", Generator, "--out", "-");
    }

    [Test]
    public void ASymbolicLinkIsWrittenThroughAndStaysALink()
    {
        using var dir = new TempDir();
        var target = dir.File("target.swf", "old");
        var link = dir.File("link.swf");
        File.CreateSymbolicLink(link, target);
        Refused(dir, $"--out {link}: exists; add --force", "trace", "generate", Generator, "--out", link);
        Assert.That(NodeSimInProcess.Run("trace", "generate", Generator, "--out", link, "--force").ExitCode, Is.Zero);
        Assert.That(new FileInfo(link).LinkTarget, Is.EqualTo(target), "the link is still a link");
        Assert.That(File.ReadAllText(target), Does.StartWith("; Version: 2.2"), "what it leads to was written");
        var loop = dir.File("loop");
        File.CreateSymbolicLink(loop, loop);
        Refused(dir, $"{loop}: is a loop of symbolic links", "trace", "generate", Generator, "--out", loop, "--force");
    }

    [Test]
    public void SlurmOptionsAreCheckedBeforeAnythingIsWritten()
    {
        using var dir = new TempDir();
        var file = dir.File("tiny.yaml", Tiny);
        var output = Path.Combine(dir.Path, "out");
        Refused(dir, "--time: 'banana' is not a Slurm time limit; expected minutes (30), MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS or UNLIMITED",
            "run", file, "--out", output, "--backend", "slurm", "--time", "banana", "--dry-run");
        Refused(dir, "--sbatch-arg: '--account=x\\x0a#SBATCH --mem=1' holds a control character",
            "run", file, "--out", output, "--backend", "slurm", "--sbatch-arg=--account=x\n#SBATCH --mem=1", "--dry-run");
        Assert.That(Directory.Exists(output), Is.False);
    }

    #endregion

    #region 4. Numbers that cannot be right are refused, not reported

    [Test]
    public void ARateScalePastCapacityIsRefusedOnTheCommandLineAndInACampaign()
    {
        using var dir = new TempDir();
        Refused(dir, "its offered load on 1 cores is", "edge", "--trace", "synthetic:edge?requests=100", "--cores", "1", "--rate-scale", "1000");
        var campaign = dir.File("edge.yaml", """
            campaign: e
            scenarios:
              - {name: a, kind: edge, stacks: [ideal], trace: "synthetic:edge?requests=200", cores: 1, rate_scale: 1000}
            """);
        Refused(dir, "edge.yaml:3:", "validate", campaign);
        var both = dir.File("both.yaml", """
            campaign: e
            scenarios:
              - {name: a, kind: edge, stacks: [ideal], trace: "synthetic:edge?requests=200", load: 0.5, rate_scale: 2}
            """);
        Refused(dir, "load and rate_scale both rescale the arrivals; give one of them", "validate", both);
    }

    [Test]
    public void AStreamSlowedPastWhatTheClockCountsIsRefused()
    {
        using var dir = new TempDir();
        Refused(dir, "rescaled 1E-12 times as fast, its requests would arrive over", "edge", "--trace", "synthetic:edge?requests=100", "--cores", "1", "--rate-scale", "1e-12");
        Refused(dir, "--customers must be at most 100,000,000", "selfcheck", "--customers", "1000000000000");
    }

    [TestCase("1e308", "scenarios[0].window_s: 1e308 is above the maximum, 1000000")]
    [TestCase("100000", "100000 s holds 1,000,000 iterations of compute (0.1 s of compute each), and a window simulates at most 20,000")]
    public void AWindowAJobCannotSimulateIsRefused(string window, string message)
    {
        using var dir = new TempDir();
        var campaign = dir.File("w.yaml", $"campaign: w\nscenarios:\n  - {{name: a, kind: job, stacks: [ideal], profile: compute, window_s: {window}}}\n");
        Refused(dir, message, "validate", campaign);
    }

    [Test]
    public void ABaselineNoCheckCouldUseIsRefusedByItsLine()
    {
        using var dir = new TempDir();
        var (_, run) = FinishedRun(dir);
        var good = Path.Combine(dir.Path, "base.csv");
        Assert.That(NodeSimInProcess.Run("check", run, "--baseline", good).ExitCode, Is.EqualTo(2), "no baseline yet");
        var summary = File.ReadAllLines(Path.Combine(run, "summary.csv"));
        NodeSim.Reporting.Baselines.Baseline.Write(NodeSim.Files.AtomicFile.Disk, good, NodeSim.Reporting.Baselines.Baseline.OfRunDirectory(run));
        var lines = File.ReadAllLines(good);
        // The 1e308 of the issue: a standard deviation so large that any change would pass Welch's test.
        var huge = lines[1].Split(',');
        huge[^3] = "1e308";
        huge[^2] = "1e308";
        File.WriteAllLines(good, [lines[0], string.Join(',', huge), .. lines[2..]]);
        Refused(dir, $"{good}:2: field 10 (sd) = 1E+308: not a standard deviation a check can use", "check", run, "--baseline", good);
        File.WriteAllLines(good, [lines[0], lines[1], lines[1], .. lines[2..]]);
        Refused(dir, $"{good}:3: a second row for scenario 'one', point 0", "check", run, "--baseline", good);
        File.WriteAllText(good, ",,x\n1,2,3\n");
        Refused(dir, $"{good}:1: the column '' is named 2 times in the header", "check", run, "--baseline", good);
        Assert.That(summary, Is.Not.Empty);
    }

    [TestCase("abc")]
    [TestCase("Infinity")]
    [TestCase("NaN")]
    public void ACellThatIsNotAFiniteNumberIsRefusedByCheckAndPlot(string cell)
    {
        using var dir = new TempDir();
        var (_, run) = FinishedRun(dir);
        var summary = Path.Combine(run, "summary.csv");
        var lines = File.ReadAllLines(summary);
        var header = lines[0].Split(',');
        var mean = Array.IndexOf(header, "mean");
        var row = lines[1].Split(',');
        row[mean] = cell;
        File.WriteAllLines(summary, [lines[0], string.Join(',', row), .. lines[2..]]);
        var message = $"{summary}:2: field {mean + 1} (mean) '{cell}' is not a finite number";
        Refused(dir, message, "check", run, "--baseline", summary);
        Refused(dir, message, "plot", run);
    }

    #endregion

    #region 5. Foreign or corrupt files are one sentence and exit 2, never a crash

    [Test]
    public void AWebAppsManifestIsNotNodeSims()
    {
        using var dir = new TempDir();
        var file = dir.File("tiny.yaml", Tiny);
        var site = Path.Combine(dir.Path, "site");
        Directory.CreateDirectory(site);
        File.WriteAllText(Path.Combine(site, "manifest.json"), """{"name":"my app"}""");
        Refused(dir, $"--out {site}: not empty and not a NodeSim run directory (it holds 'manifest.json'", "run", file, "--out", site);
        Refused(dir, "not empty and not a NodeSim run directory", "run", file, "--out", site, "--force");
        Refused(dir, $"{site}: not a NodeSim run directory (no .nodesim-run.json, and no manifest.json NodeSim wrote)", "plot", site);
        Refused(dir, $"{Path.Combine(site, "manifest.json")}: not a NodeSim manifest (no 'nodesim_version')", "check", site);
    }

    [TestCase("{}", "no 'campaign'")]
    [TestCase("not json", "not a marker NodeSim wrote")]
    [TestCase("""{"campaign":"x","campaign_file":"x","campaign_sha256":"x","created":"","files":["../../etc/passwd"]}""", "which is not a path inside the directory")]
    public void ACorruptOrForgedMarkerIsRefused(string marker, string message)
    {
        using var dir = new TempDir();
        var (file, run) = FinishedRun(dir);
        File.WriteAllText(Path.Combine(run, ".nodesim-run.json"), marker);
        Refused(dir, message, "run", file, "--out", run);
        Refused(dir, message, "plot", run);
    }

    [TestCase("garbage\n", "jobs.csv.gz: not gzip-compressed data NodeSim wrote")]
    [TestCase(null, "jobs.csv.gz:")]
    public void AJobTableThatIsNotWhatNodeSimWroteIsRefusedByPlot(string? content, string message)
    {
        using var dir = new TempDir();
        var (_, run) = FinishedRun(dir);
        var jobs = Path.Combine(run, "jobs.csv.gz");
        if (content is null)
            using (var stream = new FileStream(jobs, FileMode.Open)) stream.SetLength(stream.Length / 2);
        else
            File.WriteAllText(jobs, content);
        Refused(dir, message, "plot", run);
    }

    [Test]
    public void ATableTooLargeToBeNodeSimsIsRefusedBeforeItIsRead()
    {
        using var dir = new TempDir();
        var (_, run) = FinishedRun(dir);
        var huge = dir.File("huge.csv");
        using (var stream = File.Create(huge)) stream.SetLength(4L << 30);   // sparse: 4 GiB that take no disk
        Refused(dir, $"{huge}: 4,294,967,296 bytes; a baseline file (.csv) has at most 1,073,741,824", "check", run, "--baseline", huge);
    }

    [Test]
    public void PlotNeverFollowsItsPlotsDirectoryOutOfTheRunDirectory()
    {
        using var dir = new TempDir();
        var (_, run) = FinishedRun(dir);
        var elsewhere = Path.Combine(dir.Path, "elsewhere");
        Directory.CreateDirectory(elsewhere);
        Directory.Delete(Path.Combine(run, "plots"), recursive: true);
        Directory.CreateSymbolicLink(Path.Combine(run, "plots"), elsewhere);
        Refused(dir, "plots: is a directory (through a symbolic link to", "plot", run);
        Assert.That(Directory.EnumerateFileSystemEntries(elsewhere), Is.Empty);
    }

    [Test]
    public void AParquetCopyOfAnEarlierRunIsRemovedWhenLaterRunsWriteCsvOnly()
    {
        using var dir = new TempDir();
        var (file, run) = FinishedRun(dir);
        Assert.That(NodeSimInProcess.Run("run", file, "--out", run, "--format", "parquet", "--force").ExitCode, Is.Zero);
        Assert.That(File.Exists(Path.Combine(run, "runs.parquet")), Is.True);
        Assert.That(NodeSimInProcess.Run("run", file, "--out", run, "--reseed", "7", "--force").ExitCode, Is.Zero);
        Assert.That(Directory.GetFiles(run, "*.parquet"), Is.Empty, "a Parquet table that no longer agrees with the CSV");
    }

    [Test]
    public void AnEditedCampaignFileIsSaidToHaveChanged()
    {
        using var dir = new TempDir();
        var file = dir.File("tiny.yaml", Tiny);
        var run = Path.Combine(dir.Path, "run");
        Assert.That(NodeSimInProcess.Run("run", file, "--out", run, "--keep-parts").ExitCode, Is.Zero);
        File.AppendAllText(file, "# edited\n");
        Refused(dir, $"holds the results of {file} as it was before it changed (its SHA-256 differs)", "run", file, "--out", run, "--resume");
    }

    [Test]
    public void BaselineUpdateReplacesOnlyABaselineOfItsOwnCampaignUnlessForced()
    {
        using var dir = new TempDir();
        var (file, run) = FinishedRun(dir);
        var output = Path.Combine(dir.Path, "update");
        var notes = dir.File("notes.txt", "\u0000\u0001my notes,,\n");
        Refused(dir, $"--baseline {notes}: not a baseline NodeSim can read", "baseline", "update", "--campaign", file, "--baseline", notes, "--out", output);
        var other = dir.File("other.csv");
        NodeSim.Reporting.Baselines.Baseline.Write(NodeSim.Files.AtomicFile.Disk, other,
            [.. NodeSim.Reporting.Baselines.Baseline.OfRunDirectory(run).Select(r => r with { Campaign = "another" })]);
        Refused(dir, $"--baseline {other}: holds the baseline of campaign 'another', not of 'tiny'", "baseline", "update", "--campaign", file, "--baseline", other, "--out", output);
        var forced = NodeSimInProcess.Run("baseline", "update", "--campaign", file, "--baseline", notes, "--out", output, "--workers", "1", "--force");
        Assert.That(forced.ExitCode, Is.Zero, forced.Stderr);
        Assert.That(forced.Stderr, Does.Contain("the baseline there cannot be read").And.Contain("it will be replaced (--force), without a comparison"));
        Assert.That(File.ReadAllText(notes), Does.StartWith("campaign,scenario,point"));
    }

    #endregion

    #region 6. Nothing hangs, and work is bounded

    [Test]
    public void AFifoOrADeviceAsAnInputIsRefusedBeforeItIsOpened()
    {
        using var dir = new TempDir();
        var fifo = Fifo(dir, "trace.swf");
        Refused(dir, $"{fifo}: is a FIFO (named pipe), not a regular file; expected a trace file", "trace", "info", fifo);
        Refused(dir, $"{fifo}: is a FIFO (named pipe), not a regular file; expected a campaign file", "validate", fifo);
        var campaign = dir.File("c.yaml", "campaign: c\nscenarios:\n  - {name: a, kind: replay, stacks: [ideal], trace: trace.swf, nodes: 4}\n");
        Refused(dir, "is a FIFO (named pipe)", "validate", campaign);
        Refused(dir, "/dev/zero: is a character device, not a regular file; expected a campaign file", "validate", "/dev/zero");
    }

    [Test]
    public void AGeneratorNeverWritesWhatTheReaderRefuses()
    {
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "big.swf");
        Refused(dir, "synthetic:hpc: 10,000,000 jobs on 256 nodes at load 0.85 arrive over 88,642 days, beyond the 1,000,000,000 s",
            "trace", "generate", "synthetic:hpc?jobs=10000000&nodes=256", "--out", output);
        Refused(dir, "beyond the 1,000,000,000 s", "trace", "generate", "synthetic:hpc?jobs=2000&nodes=2&load=0.0059");
        Refused(dir, "synthetic:edge: 10,000,000 requests at 0.001/s arrive over about", "trace", "generate", "synthetic:edge?requests=10000000&rate=0.001");
        // Just inside the limit: what is written, the reader takes.
        Assert.That(NodeSimInProcess.Run("trace", "generate", "synthetic:hpc?jobs=2000&nodes=2&load=0.006", "--out", output).ExitCode, Is.Zero);
        Assert.That(NodeSimInProcess.Run("trace", "info", output).ExitCode, Is.Zero);
    }

    [Test]
    public void TextFromACampaignIsCutBeforeAFigureMeasuresIt()
    {
        Assert.That(Figure.Text(new string('a', 500_000), 150), Has.Length.EqualTo(151));
        Assert.That(Figure.Text("tick\nnoise\u202e", 150), Is.EqualTo("tick\\x0anoise\\u202e"));
    }

    [Test]
    public void LongWorkShowsItsProgressOnceItHasRunAWhileAndShortWorkDoesNot()
    {
        using var output = new MemoryStream();
        var error = new StringWriter();
        var value = Terminal.Capture(output, error, () => ProgressDisplay.Fraction("slow work", progress =>
        {
            for (var i = 1; i <= 20; i++)
            {
                Thread.Sleep(40);
                progress(i / 20.0);
            }
            return 42;
        }, quietSeconds: 0.1));
        Assert.That(value, Is.EqualTo(42));
        Assert.That(error.ToString(), Does.Contain("slow work: ").And.Contain("% after").And.Contain("s left").And.Contain("slow work: 100%"));
        var quiet = new StringWriter();
        Terminal.Capture(output, quiet, () => ProgressDisplay.Fraction("quick work", _ => 1, quietSeconds: 5));
        Assert.That(quiet.ToString(), Is.Empty);
    }

    #endregion

    #region 7. The smaller ones

    [Test]
    public void AByteOrderMarkIsNotPartOfTheCampaign()
    {
        using var dir = new TempDir();
        var file = dir.File("bom.yaml", "\uFEFF" + Tiny);
        Assert.That(NodeSimInProcess.Run("validate", file).ExitCode, Is.Zero);
    }

    [Test]
    public void ControlCharactersInNamesAreEscapedWhereverTheyAreEchoed()
    {
        using var dir = new TempDir();
        var file = dir.File("names.yaml", """
            campaign: "bell\a"
            replications: 1
            scenarios:
              - {name: "two\nlines\u202eeman", kind: job, stacks: [native-kitten], profile: compute, window_s: 0.2}
            """);
        var output = Path.Combine(dir.Path, "out");
        var r = NodeSimInProcess.Run("run", file, "--out", output);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(r.Stderr, Does.Contain("two\\x0alines\\u202eeman").And.Contain("bell\\x07"));
        Assert.That(r.Stderr, Does.Not.Contain("\u202e").And.Not.Contain("\a").And.Not.Contain("two\nlines"));
        var summary = File.ReadAllText(Path.Combine(output, "summary.md"));
        Assert.That(summary, Does.Contain("## two\\x0alines\\u202eeman (job)").And.Not.Contain("\u202e"));
    }

    [Test]
    public void TablesAndHintsEscapeNamesToo()
    {
        using var dir = new TempDir();
        var file = dir.File("names.yaml", "campaign: c\nscenarios:\n  - {name: \"a\\e[31mred\\u202e\", kind: job, stacks: [ideal], profile: compute}\n");
        var r = NodeSimInProcess.Run("validate", file);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(r.Stdout, Does.Contain("a\\x1b[31mred\\u202e").And.Not.Contain("\u001b[31m").And.Not.Contain("\u202e"));
        Assert.That(Invocation.Quote("out dir/a\nb"), Is.EqualTo("$'out dir/a\\nb'"));
        Assert.That(Invocation.Quote("it's"), Is.EqualTo("'it'\\''s'"));
        Assert.That(Invocation.Quote("plain/path-1.yaml"), Is.EqualTo("plain/path-1.yaml"));
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void AReplacedFileKeepsItsPermissions()
    {
        using var dir = new TempDir();
        var swf = dir.File("kept.swf", "old");
        File.SetUnixFileMode(swf, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        Assert.That(NodeSimInProcess.Run("trace", "generate", Generator, "--out", swf, "--force").ExitCode, Is.Zero);
        Assert.That(File.GetUnixFileMode(swf), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead));
    }

    [TestCase(new[] { "job", "--profile", "compute", "--stack", "ideal", "--ranks", "1000000000000" }, "--ranks: 'ranks' = '1000000000000' is outside its range; expected 1 to 1000000")]
    [TestCase(new[] { "job", "--profile", "compute", "--stack", "ideal", "--seed", "-1" }, "--seed: '-1' is out of range; expected a whole number from 0 to 18,446,744,073,709,551,615")]
    [TestCase(new[] { "run", "--workers", "99999999999" }, "--workers: '99999999999' is out of range; expected a smaller whole number")]
    [TestCase(new[] { "edge", "--trace", "synthetic:edge?requests=10", "--load", "0" }, "--load: 'load' = '0' is outside its range")]
    public void ANumberOutOfRangeIsCalledSo(string[] args, string message)
    {
        using var dir = new TempDir();
        var r = Refused(dir, message, args);
        Assert.That(r.Stderr, Does.Not.Contain("is not a whole number"));
    }

    [Test]
    public void AnInputIsNamedForWhatItIs()
    {
        using var dir = new TempDir();
        var loop = dir.File("loop.swf");
        File.CreateSymbolicLink(loop, loop);
        Refused(dir, $"{loop}: is a loop of symbolic links; expected a trace file", "trace", "info", loop);
        var directory = Path.Combine(dir.Path, "traces");
        Directory.CreateDirectory(directory);
        Refused(dir, $"{directory}: is a directory, not a regular file; expected a trace file", "replay", "--trace", directory);
        var campaign = dir.File("c.yaml", "campaign: c\nscenarios:\n  - {name: a, kind: replay, stacks: [ideal], trace: traces, nodes: 4}\n");
        Refused(dir, $"trace 'traces': {directory} is a directory, not a regular file; expected a trace file", "validate", campaign);
        var dangling = dir.File("dangling.swf");
        File.CreateSymbolicLink(dangling, Path.Combine(dir.Path, "gone.swf"));
        Refused(dir, $"{dangling}: is a symbolic link to {Path.Combine(dir.Path, "gone.swf")}, which does not exist", "trace", "info", dangling);
    }

    [Test]
    public void AnSwfHeaderThatIsNotANumberIsRefusedAtItsLineAndAMissingSizeNamesTheCampaignKey()
    {
        using var dir = new TempDir();
        const string job = "1 0 -1 10 1 -1 -1 1 10 -1 1 1 1 1 1 -1 -1 -1\n";
        var bad = dir.File("bad.swf", "; Version: 2.2\n; MaxProcs: abc\n" + job);
        Refused(dir, $"{bad}:2: header MaxProcs: 'abc' is not a whole number", "replay", "--trace", bad);
        dir.File("bare.swf", "; Version: 2.2\n" + job);
        var campaign = dir.File("c.yaml", "campaign: c\nscenarios:\n  - {name: a, kind: replay, stacks: [ideal], trace: bare.swf}\n");
        Refused(dir, "give the cluster's size in nodes (nodes in a campaign, --nodes on the command line)", "validate", campaign);
    }

    [Test]
    public void AnUnreadableLockIsSaidToBeOneAndBrokenOnlyOnRequest()
    {
        using var dir = new TempDir();
        var (file, run) = FinishedRun(dir);
        File.WriteAllText(Path.Combine(run, ".nodesim.lock"), "");
        Refused(dir, "its lock .nodesim.lock cannot be read (empty, or not written by NodeSim); if no nodesim is running in this directory, add --break-lock",
            "run", file, "--out", run);
        var broken = NodeSimInProcess.Run("run", file, "--out", run, "--break-lock");
        Assert.That(broken.ExitCode, Is.Zero, broken.Stderr);
        Assert.That(broken.Stderr, Does.Contain("took over the lock of an unreadable lock file (on your word, --break-lock)"));
    }

    [Test]
    public void AnotherHostsLockIsBrokenOnTheUsersWordNotCalledDead()
    {
        using var dir = new TempDir();
        var (file, run) = FinishedRun(dir);
        File.WriteAllText(Path.Combine(run, ".nodesim.lock"), """{"host":"elsewhere","pid":4242,"process_start":"","since":"2026-01-01","command":"run"}""");
        var broken = NodeSimInProcess.Run("run", file, "--out", run, "--break-lock");
        Assert.That(broken.ExitCode, Is.Zero, broken.Stderr);
        Assert.That(broken.Stderr, Does.Contain("nodesim PID 4242 on host elsewhere, on your word (--break-lock): NodeSim cannot see another host's processes")
            .And.Not.Contain("no longer running"));
    }

    [Test]
    public void ResumeHintsNameTheProgramAsItWasRunAndTheCommandThatWasStopped()
    {
        using var dir = new TempDir();
        var file = dir.File("slow.yaml", Engine.CampaignRunnerTests.Slow);
        var environment = new Dictionary<string, string> { ["NODESIM_PROGRAM"] = "./nodesim" };
        var output = Path.Combine(dir.Path, "out");
        var run = Interrupted(environment, "run", file, "--out", output, "--workers", "1");
        Assert.That(run, Does.Contain($"resume with: ./nodesim run {file} --out {output} --resume"));
        var baseline = Path.Combine(dir.Path, "base.csv");
        var update = Interrupted(environment, "baseline", "update", "--campaign", file, "--baseline", baseline, "--out", Path.Combine(dir.Path, "update"), "--workers", "1");
        Assert.That(update, Does.Contain($"resume with: ./nodesim baseline update --campaign {file} --baseline {baseline} --out {Path.Combine(dir.Path, "update")} --resume"));
    }

    /// <summary>Runs <c>nodesim</c>, sends it Ctrl-C (SIGINT) once its first run is done, and returns what it wrote to standard error.</summary>
    private static string Interrupted(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var lines = new List<string>();
        using var started = new ManualResetEventSlim();
        using var process = NodeSimProcess.Start(environment, line =>
        {
            lock (lines) lines.Add(line);
            if (line.Contains("/12 (", StringComparison.Ordinal) && !line.Contains(" 0/12 ", StringComparison.Ordinal)) started.Set();
        }, args);
        Assert.That(started.Wait(TimeSpan.FromSeconds(60)), Is.True, "the campaign started");
        Assert.That(Syscall.kill(process.Id, Signum.SIGINT), Is.Zero);
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.EqualTo(130));
        lock (lines) return string.Join('\n', lines);
    }

    #endregion
}
