using System.IO.Compression;
using NodeSim.Traces.Swf;

namespace NodeSim.Tests.Traces;

public class SwfReaderTests
{
    private const string Job = "1 0 -1 100 4 -1 -1 -1 -1 -1 1 -1 -1 -1 1 -1 -1 -1";

    private static (SwfHeader, List<SwfJob>) Read(string content, bool lenient = false, string name = "t.swf")
    {
        using var dir = new TempDir();
        return SwfReader.ReadAll(dir.File(name, content), lenient);
    }

    private static string Message(string content, string name = "t.swf")
    {
        using var dir = new TempDir();
        var path = dir.File(name, content);
        var e = Assert.Throws<UserInputException>(() => SwfReader.ReadAll(path))!;
        return e.Message.Replace(path, name);
    }

    [Test]
    public void ReadsFieldsWithUnknownsAsNullAndFloatTimes()
    {
        var (_, jobs) = Read("7\t 12.5  3 100.25 16 -1 2048 32 3600 -1 1 5 6 7 0 1 -1 -1\n");
        var j = jobs.Single();
        Assert.That(j.JobNumber, Is.EqualTo(7));
        Assert.That(j.SubmitTime, Is.EqualTo(12.5));
        Assert.That(j.RunTime, Is.EqualTo(100.25));
        Assert.That(j.AverageCpuTime, Is.Null);
        Assert.That(j.RequestedMemory, Is.Null);
        Assert.That(j.Processors, Is.EqualTo(32), "the larger of allocated and requested");
        Assert.That(j.Queue, Is.EqualTo(0));
        Assert.That(j.PrecedingJob, Is.Null);
        Assert.That(j.Line, Is.EqualTo(1));
    }

    [Test]
    public void KeepsEveryHeaderLabelAndDefaultsMaxProcsToMaxNodes()
    {
        var (header, jobs) = Read("; Version: 2.2\n; Computer: IBM SP2\n; a comment without colon\n;MaxNodes: 128\n; UnixStartTime: 1000000\n"
                                  + Job + "\n; Note: a comment in the middle\n" + Job.Replace("1 0 ", "2 5 ") + "\n");
        Assert.That(jobs, Has.Count.EqualTo(2));
        Assert.That(header.MaxNodes, Is.EqualTo(128));
        Assert.That(header.MaxProcs, Is.EqualTo(128), "MaxProcs defaults to MaxNodes");
        Assert.That(header.UnixStartTime, Is.EqualTo(1_000_000));
        Assert.That(header.Computer, Is.EqualTo("IBM SP2"));
        Assert.That(header["note"], Is.EqualTo("a comment in the middle"));
        Assert.That(header.Comments, Is.EqualTo(new[] { "a comment without colon" }));
        Assert.That(header.Labels.Select(l => l.Key), Is.EqualTo(new[] { "Version", "Computer", "MaxNodes", "UnixStartTime", "Note" }));
    }

    [Test]
    public void ReadsCrlfLineEndings()
    {
        var (header, jobs) = Read("; MaxNodes: 4\r\n" + Job + "\r\n" + Job.Replace("1 0 ", "2 1 ") + "\r\n");
        Assert.That(jobs, Has.Count.EqualTo(2));
        Assert.That(header.MaxNodes, Is.EqualTo(4));
        Assert.That(jobs[1].ThinkTime, Is.Null);
    }

    [Test]
    public void ReadsGzipByContent()
    {
        using var dir = new TempDir();
        var path = dir.File("trace.swf.gz");
        using (var gz = new GZipStream(File.Create(path), CompressionLevel.Optimal))
        using (var w = new StreamWriter(gz))
            w.Write("; MaxNodes: 8\n" + Job + "\n");
        var (header, jobs) = SwfReader.ReadAll(path);
        Assert.That(jobs, Has.Count.EqualTo(1));
        Assert.That(header.MaxNodes, Is.EqualTo(8));
    }

    [Test]
    public void ABadNumberNamesFileLineFieldAndExpectation() =>
        Assert.That(Message("; MaxNodes: 4\n" + Job + "\n1 0 -1 1O0 4 -1 -1 -1 -1 -1 1 -1 -1 -1 1 -1 -1 -1\n"),
            Is.EqualTo("t.swf:3: field 4 (run time): '1O0' is not a number; expected a number, or -1 for unknown"));

    [Test]
    public void AWrongFieldCountIsReported() =>
        Assert.That(Message("1 0 -1 100 4 -1 -1 -1 -1 -1 1 -1 -1 -1 1 -1 -1\n"),
            Is.EqualTo("t.swf:1: expected 18 whitespace-separated fields, found 17"));

    [Test]
    public void NegativeProcessorsAreRejected() =>
        Assert.That(Message("1 0 -1 100 -4 -1 -1 -1 -1 -1 1 -1 -1 -1 1 -1 -1 -1\n"),
            Is.EqualTo("t.swf:1: field 5 (allocated processors): '-4' is negative; expected a value of at least 0, or -1 for unknown"));

    [Test]
    public void FractionalCountsAndUnknownSubmitTimesAreRejected()
    {
        Assert.That(Message("1 0 -1 100 2.5 -1 -1 -1 -1 -1 1 -1 -1 -1 1 -1 -1 -1\n"),
            Is.EqualTo("t.swf:1: field 5 (allocated processors): '2.5' is not a whole number; expected a whole number, or -1 for unknown"));
        Assert.That(Message("1 -1 -1 100 2 -1 -1 -1 -1 -1 1 -1 -1 -1 1 -1 -1 -1\n"),
            Is.EqualTo("t.swf:1: field 2 (submit time): '-1' is unknown; every job needs a submit time"));
    }

    [Test]
    public void ATruncatedGzipFileIsAnErrorNotAShortTrace()
    {
        using var dir = new TempDir();
        var full = dir.File("full.swf.gz");
        using (var gz = new GZipStream(File.Create(full), CompressionLevel.Optimal))
        using (var w = new StreamWriter(gz))
            for (var i = 1; i <= 5000; i++) w.Write(Job.Replace("1 0 ", $"{i} {i} ") + "\n");
        var bytes = File.ReadAllBytes(full);
        var cut = dir.File("cut.swf.gz");
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<UserInputException>(() => SwfReader.ReadAll(cut))!;
        Assert.That(e.Message, Does.StartWith($"{cut}:").And.Contain("the file is truncated").And.EndWith("expected a complete gzip file"));
    }

    [Test]
    public void EmptyAndHeaderOnlyFilesYieldNoJobs()
    {
        Assert.That(Read("").Item2, Is.Empty);
        var (header, jobs) = Read("; MaxNodes: 16\n; MaxProcs: 32\n");
        Assert.That(jobs, Is.Empty);
        Assert.That(header.MaxProcs, Is.EqualTo(32));
    }

    [Test]
    public void LenientModeSkipsAndCountsBadLines()
    {
        using var dir = new TempDir();
        var path = dir.File("t.swf", Job + "\nbroken line\n" + Job.Replace("1 0 ", "2 1 ") + "\n3 x -1 100 4 -1 -1 -1 -1 -1 1 -1 -1 -1 1 -1 -1 -1\n");
        using var reader = SwfReader.Open(path, lenient: true);
        var jobs = reader.Jobs().ToList();
        Assert.That(jobs.Select(j => j.JobNumber), Is.EqualTo(new long[] { 1, 2 }));
        Assert.That(reader.SkippedLines, Is.EqualTo(2));
        Assert.That(reader.SkippedMessages[0], Does.EndWith(":2: expected 18 whitespace-separated fields, found 2"));
    }

    [Test]
    public void AMissingFileIsAUserError()
    {
        var e = Assert.Throws<UserInputException>(() => SwfReader.ReadAll("/nonexistent/trace.swf"))!;
        Assert.That(e.Message, Is.EqualTo("/nonexistent/trace.swf: no such file"));
    }

    [Test]
    public void TheLublinTraceReadsCompletely()
    {
        var (header, jobs) = SwfReader.ReadAll(SharedTraces.Require("lublin_256.swf.gz"));
        Assert.That(jobs, Has.Count.EqualTo(10_000));
        Assert.That(header.MaxNodes, Is.EqualTo(256));
        Assert.That(header.MaxProcs, Is.EqualTo(256));
        Assert.That(jobs.All(j => j.RequestedTime is null && j.RunTime > 0), Is.True);
    }

    [Test]
    public void WriterOutputReadsBackTheSameJobs()
    {
        var original = Read("; MaxNodes: 4\n" + "7 12.5 3 100.25 16 -1 2048 32 3600 -1 1 5 6 7 0 1 -1 -1\n").Item2;
        var text = new StringWriter();
        SwfWriter.Write(text, [new("MaxNodes", "4")], original);
        var back = Read(text.ToString()).Item2;
        Assert.That(back.Single() with { Line = 0 }, Is.EqualTo(original.Single() with { Line = 0 }));
    }
}

/// <summary>Headers written in the styles of real Parallel Workloads Archive logs, and the machine SWF 2.2 says they describe.</summary>
public class SwfHeaderConventionTests
{
    private const string Job = "1 0 -1 100 4 -1 -1 4 100 -1 1 -1 -1 -1 1 -1 -1 -1\n";

    private static (SwfHeader Header, NodeSim.Engine.Machine Machine) Read(string header)
    {
        using var dir = new TempDir();
        var path = dir.File("log.swf", header + Job);
        var (h, _) = SwfReader.ReadAll(path);
        return (h, NodeSim.Engine.BatchWorkload.MachineFrom(h, null, path));
    }

    [Test]
    public void MaxProcsOnlyMeansOneProcessorPerNode()
    {
        // A grid log's style: processors, no nodes.
        var (_, machine) = Read("; Version: 2.2\n; Computer: Grid5000\n; MaxProcs: 1296\n; MaxJobs: 1\n");
        Assert.That((machine.Nodes, machine.ProcessorsPerNode), Is.EqualTo((1296, 1.0)));
    }

    [Test]
    public void MaxNodesOnlyAndBothGiveTheNodesAndTheirWidth()
    {
        Assert.That(Read("; MaxNodes: 128\n").Machine, Is.EqualTo(new NodeSim.Engine.Machine(128, 1)));
        Assert.That(Read("; MaxNodes: 128\n; MaxProcs: 1024\n").Machine, Is.EqualTo(new NodeSim.Engine.Machine(128, 8)));
    }

    [Test]
    public void NeitherIsAClearErrorThatSaysWhatToDo()
    {
        using var dir = new TempDir();
        var path = dir.File("log.swf", "; Version: 2.2\n" + Job);
        var e = Assert.Throws<UserInputException>(() => NodeSim.Engine.BatchWorkload.MachineFrom(SwfReader.ReadAll(path).Header, null, path))!;
        Assert.That(e.Message, Is.EqualTo($"{path}: the header gives neither MaxNodes nor MaxProcs, so the machine size is unknown; give the cluster's size in nodes (nodes in a campaign, --nodes on the command line)"));
    }

    [Test]
    public void ContinuationLinesExtendTheLabelAboveAndUrlsAreNotLabels()
    {
        var (header, _) = Read("""
            ; Version: 2.2
            ; Information: http://www.cs.huji.ac.il/labs/parallel/workload/
            ;              http://www.cs.huji.ac.il/labs/parallel/workload/l_lanl_cm5/
            ; Note: Scheduler is batch queues
            ; Note: Jobs killed at the wall-clock limit
            ;       are marked with status 0
            ; MaxNodes: 1024

            """);
        Assert.That(header.Labels.Select(l => l.Key), Is.EqualTo(new[] { "Version", "Information", "Note", "Note", "MaxNodes" }));
        Assert.That(header["Information"], Is.EqualTo("http://www.cs.huji.ac.il/labs/parallel/workload/ http://www.cs.huji.ac.il/labs/parallel/workload/l_lanl_cm5/"));
        Assert.That(header.Labels.Where(l => l.Key == "Note").Select(l => l.Value),
            Is.EqualTo(new[] { "Scheduler is batch queues", "Jobs killed at the wall-clock limit are marked with status 0" }));
        Assert.That(header.MaxNodes, Is.EqualTo(1024));
        Assert.That(header.Labels.Any(l => l.Key == "http"), Is.False);
    }
}
