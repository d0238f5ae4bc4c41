using NodeSim.Engine;
using NodeSim.Reporting;
using NodeSim.Reporting.Campaigns;
using NodeSim.Reporting.Plots;
using NodeSim.Reporting.Tables;
using NodeSim.Models.Costs;
using NodeSim.Traces.Sources;

namespace NodeSim.Tests.Reporting;

public class CampaignReportingTests
{
    [Test]
    public void TheConfidenceIntervalIsStudentT()
    {
        // Mean 2, sd 1 over 3 samples: half-width t(0.975, 2) · 1/√3 = 4.302653 / 1.732051 = 2.484138.
        var e = MeanEstimate.Of([1.0, 2.0, 3.0]);
        Assert.That(e.Mean, Is.EqualTo(2).Within(1e-12));
        Assert.That(e.StdDev, Is.EqualTo(1).Within(1e-12));
        Assert.That(e.High - e.Mean, Is.EqualTo(2.484138).Within(1e-6));
        Assert.That(double.IsNaN(MeanEstimate.Of([5.0]).Low), Is.True, "one sample has no interval");
    }

    [TestCase("profile-overhead", "profile-overhead")]
    [TestCase("a b/c", "a-b-c")]
    [TestCase("../../etc/passwd", "etc-passwd")]
    [TestCase("..", "unnamed")]
    [TestCase("noise: 10 Hz × 2.5 ms", "noise--10-Hz---2.5-ms")]
    public void NamesFromScenarioFilesBecomeSafeFileNames(string name, string file) =>
        Assert.That(FileNames.Sanitize(name), Is.EqualTo(file));

    [Test]
    public void ATableRoundTripsThroughCsvWithTypesInferred()
    {
        var table = new ResultTable(
        [
            new Column("name", ColumnType.Text, ["a", null, "c,d"]),
            new Column("n", ColumnType.Integer, [1L, 2L, null]),
            new Column("x", ColumnType.Real, [0.1, double.NaN, 1e-300]),
        ]);
        using var stream = new MemoryStream();
        CsvTables.Write(table, stream);
        stream.Position = 0;
        var back = CsvTables.Read(stream, "t.csv").Table;
        Assert.That(back["name"].Values, Is.EqualTo(new object?[] { "a", null, "c,d" }));
        Assert.That(back["n"].Type, Is.EqualTo(ColumnType.Integer));
        Assert.That(back["x"].Values[0], Is.EqualTo(0.1));
        Assert.That(back["x"].Values[2], Is.EqualTo(1e-300), "reals are written round-trip exact");
    }

    [Test]
    public void TheTimelineNeverPutsTwoJobsOnOneNodeAtOnce()
    {
        var random = new Random(3);
        var jobs = new List<JobRecord>();
        var busyUntil = new double[16];
        // A feasible schedule on 16 nodes: each job starts when enough nodes are free.
        var time = 0.0;
        for (var id = 0; id < 300; id++)
        {
            var nodes = random.Next(1, 9);
            time += random.NextDouble() * 50;
            var start = Math.Max(time, busyUntil.Order().ElementAt(nodes - 1));
            var end = start + 10 + random.NextDouble() * 300;
            var chosen = busyUntil.Select((b, i) => (b, i)).Where(x => x.b <= start).Take(nodes).Select(x => x.i).ToList();
            foreach (var i in chosen) busyUntil[i] = end;
            jobs.Add(new JobRecord { JobId = id, StartS = start, EndS = end, Nodes = nodes });
        }
        var placed = NodeTimeline.Place(jobs);
        Assert.That(placed.OrderBy(p => p.Job.JobId).Select(p => p.Ranges.Sum(r => r.Count)), Is.EqualTo(jobs.Select(j => j.Nodes)));
        var cells = placed.SelectMany(p => p.Ranges.SelectMany(r => Enumerable.Range(r.First, r.Count)).Select(n => (Node: n, p.Job))).ToList();
        Assert.That(cells.Max(c => c.Node), Is.LessThan(16), "never more nodes than the machine has");
        foreach (var group in cells.GroupBy(c => c.Node))
        {
            var onNode = group.OrderBy(c => c.Job.StartS).ToList();
            for (var i = 1; i < onNode.Count; i++)
                Assert.That(onNode[i].Job.StartS, Is.GreaterThanOrEqualTo(onNode[i - 1].Job.EndS), $"node {group.Key}");
        }
    }

    [Test]
    public void TheTimelineOfARealReplayFitsTheMachine()
    {
        // Slowed-down jobs end at fractional seconds; the next job starts at the same nanosecond.
        var workload = NodeSim.Engine.BatchWorkload.Load(NodeSim.Traces.Sources.WorkloadSource.Parse("synthetic:hpc?jobs=400&nodes=8&seed=5"), null,
            NodeSim.Engine.EstimateSource.Requested);
        var stack = NodeSim.Models.Isolation.IsolationStack.BuiltIn.Single(x => x.Name == "native-linux");
        var slowdown = new NodeSim.Engine.StackSlowdown(stack, NodeSim.Models.Soc.SocPresets.PineA64, NodeSim.Models.Workloads.WorkloadMix.Default(5), 5, new NodeSim.Engine.RunContext());
        var outcome = NodeSim.Engine.ClusterReplay.Run(workload.Jobs, workload.Machine, new NodeSim.Models.Scheduling.QueuePolicies.Fcfs(),
            new NodeSim.Models.Scheduling.EasyBackfill(), slowdown);
        var placed = NodeTimeline.Place(ReplayMetrics.JobRecords(outcome));
        Assert.That(placed.SelectMany(p => p.Ranges).Max(r => r.First + r.Count), Is.LessThanOrEqualTo(8));
    }

    [Test]
    public void SummaryNumbersHaveThreeSignificantFiguresAndNoExponent()
    {
        Assert.That(NumberText.Number(65.0224), Is.EqualTo("65.0"));
        Assert.That(NumberText.Number(0.0000423), Is.EqualTo("0.0000423"));
        Assert.That(NumberText.Number(2247.4), Is.EqualTo("2,247"));
        Assert.That(NumberText.Number(0), Is.EqualTo("0"));
    }

    [TestCase(294.2, "s", 1.0)]
    [TestCase(0.0116, "ms", 1e3)]
    [TestCase(0.000771, "µs", 1e6)]
    [TestCase(0.0, "s", 1.0)]
    public void DurationsTakeTheUnitTheirTypicalValueIsAtLeastOneIn(double seconds, string unit, double perSecond) =>
        Assert.That(NumberText.TimeUnit(seconds), Is.EqualTo((unit, perSecond)));

    [TestCase(0.000981, 0.0098, "0.0010 ± 0.0098")]
    [TestCase(0.6, 0.0, "0.600")]
    [TestCase(12345.0, 1100.0, "12,300 ± 1,100")]
    [TestCase(1.23456, 0.0456, "1.235 ± 0.046")]
    [TestCase(0.059300443, 0.000000045, "0.059300 ± 0.000000")]   // never past the mean's fifth significant figure
    [TestCase(294_220_000.0, 3_700.0, "294,220,000 ± 0")]
    public void NumbersPrintWithTheDigitsTheirIntervalSupports(double mean, double half, string expected) =>
        Assert.That(SummaryMarkdown.Estimate(new MeanEstimate(5, mean, half, mean - half, mean + half)), Is.EqualTo(expected));

    [Test]
    public void AnUnstableResultIsMarkedInTheSummaryAndNotPassedOffAsAMeasurement()
    {
        using var dir = new TempDir();
        var file = dir.File("edge.yaml", """
            campaign: unstable
            replications: 2
            scenarios:
              - name: near capacity
                kind: edge
                stacks: [ideal, native-linux]
                trace: "synthetic:edge?requests=20000&service=exponential&service_median_seconds=0.0001386"
                load: 0.9
            """);
        var output = Path.Combine(dir.Path, "out");
        var r = NodeSim.Tests.Cli.NodeSimInProcess.Run("run", file, "--out", output);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        var summary = File.ReadAllText(Path.Combine(output, "summary.md"));
        Assert.That(summary, Does.Contain("| native-linux ⚠ |").And.Contain("⚠ unstable: in some replications of this stack, or of the stack it is compared with, the queue had no stationary state"));
        Assert.That(summary, Does.Not.Contain("| ideal ⚠ |"), "the ideal stack's queue at 0.9 is stable");
        var rows = File.ReadAllLines(Path.Combine(output, "summary.csv"));
        Assert.That(rows.Where(l => l.Contains(",unstable,", StringComparison.Ordinal)), Has.Exactly(2).Items, "the flag is a metric in summary.csv");
    }
}


/// <summary>The job table: columns declared once (the ledger's from the cause list), rows that survive a part's round trip.</summary>
public class JobTableTests
{
    [Test]
    public void HasALedgerColumnForEveryCauseInCauseOrder()
    {
        var names = JobTable.Table.Columns.Select(c => c.Name).ToList();
        var ledger = NodeSim.Models.Costs.OverheadCauses.All.Select(c => NodeSim.Models.Costs.OverheadCauses.Key(c) + "_pct").ToList();
        Assert.That(names.Where(n => ledger.Contains(n)), Is.EqualTo(ledger));
        Assert.That(System.Text.Encoding.UTF8.GetString(JobTable.Header).TrimEnd('\n').Split(','), Is.EqualTo(names));
    }

    [Test]
    public void APartReadsBackAsTheRowsThatWereWritten()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "x.jobs.csv.gz");
        var causes = NodeSim.Models.Costs.OverheadCauses.Count;
        JobRecord[] rows =
        [
            new() { Scenario = "s, with a comma", Point = 2, Replica = 1, Stack = "hafnium-kitten", JobId = 42, SubmitS = 0.1, StartS = 1.5, EndS = 1e9 / 3,
                RunS = 2.25, Slowdown = double.PositiveInfinity, Profile = "gups", Ranks = 16, LedgerPct = [.. Enumerable.Range(0, causes).Select(i => i / 7.0)],
                AmplificationPct = [.. NodeSim.Models.Costs.OverheadCauses.All.Select(c => NodeSim.Models.Costs.OverheadCauses.Noise.Contains(c) ? (int)c / 3.0 : 0)],
                PerSecond = [8000.5, 1, 2, 3, 0] },
            new() { Stack = "ideal" },
        ];
        JobTable.WritePart(NodeSim.Files.AtomicFile.Disk, path, rows);
        var back = JobTable.ReadPart(path);
        Assert.That(back, Has.Count.EqualTo(2));
        Assert.That(back[0] with { LedgerPct = rows[0].LedgerPct, AmplificationPct = rows[0].AmplificationPct, PerSecond = rows[0].PerSecond }, Is.EqualTo(rows[0]));
        Assert.That(back[0].PerSecond, Is.EqualTo(rows[0].PerSecond), "the operations' rates round-trip (the job table has no detours column)");
        Assert.That(back[0].LedgerPct, Is.EqualTo(rows[0].LedgerPct));
        Assert.That(back[0].AmplificationPct, Is.EqualTo(rows[0].AmplificationPct));
        Assert.That(back[1].LedgerPct, Is.All.Zero);
    }
}
