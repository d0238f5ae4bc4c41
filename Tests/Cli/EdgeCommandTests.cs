namespace NodeSim.Tests.Cli;

/// <summary><c>nodesim edge</c> as a user runs it: the JSON a script reads, and the inputs it refuses.</summary>
public class EdgeCommandTests
{
    private const string Short = "synthetic:edge?requests=4000&rate=2000&service=exponential&service_median_seconds=0.0001386";

    [Test]
    public void PrintsEachStacksLatencyPercentilesAndLedgerAsJson()
    {
        var r = NodeSimInProcess.Run("edge", "--trace", Short, "--stack", "native-linux,hafnium-kitten", "--cores", "2", "--replications", "3", "--json");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        var stacks = r.Json.GetProperty("stacks").EnumerateArray().ToList();
        Assert.That(stacks.Select(s => s.GetProperty("stack").GetString()), Is.EqualTo(new[] { "native-linux", "hafnium-kitten" }));
        foreach (var s in stacks)
        {
            foreach (var key in new[] { "p50_us", "p90_us", "p99_us", "p999_us", "mean_us", "max_us", "throughput_rps", "drops" })
                Assert.That(s.TryGetProperty(key, out _), Is.True, key);
            Assert.That(s.GetProperty("p50_us").GetDouble(), Is.LessThanOrEqualTo(s.GetProperty("p99_us").GetDouble()));
            Assert.That(s.GetProperty("ledger").GetProperty("service_us").GetDouble(), Is.EqualTo(200).Within(20));
        }
        Assert.That(stacks[1].GetProperty("ledger").GetProperty("world_switches_us").GetDouble(), Is.GreaterThan(0), "Hafnium's path has world switches");
        Assert.That(stacks[0].GetProperty("ledger").GetProperty("world_switches_us").GetDouble(), Is.Zero);
        Assert.That(r.Json.GetProperty("offered_load").GetDouble(), Is.EqualTo(0.2).Within(0.02));
    }

    [Test]
    public void AStreamAtOrAboveCapacityIsRefusedWithItsLoadUnlessRescaled()
    {
        var r = NodeSimInProcess.Run("edge", "--trace", "synthetic:edge?requests=2000&rate=3000&service=exponential&service_median_seconds=0.000693", "--cores", "1");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("its offered load on 1 cores is 2.").And.Contain("Give a load below 1, a rate scale below 0.3"));
        var tooFast = NodeSimInProcess.Run("edge", "--trace", Short, "--cores", "1", "--rate-scale", "1000");
        Assert.That(tooFast.ExitCode, Is.EqualTo(2), "rescaled past capacity is refused too, before anything runs");
        Assert.That(tooFast.Stderr, Does.Contain("1000 times the trace's").And.Contain("at or above 1 the queue grows without bound"));
        var scaled = NodeSimInProcess.Run("edge", "--trace", "synthetic:edge?requests=2000&rate=3000&service=exponential&service_median_seconds=0.000693",
            "--cores", "1", "--load", "0.5", "--replications", "2", "--json");
        Assert.That(scaled.ExitCode, Is.Zero, scaled.Stderr);
        Assert.That(scaled.Json.GetProperty("offered_load").GetDouble(), Is.EqualTo(0.5).Within(1e-9));
        Assert.That(NodeSimInProcess.Run("edge", "--trace", Short, "--load", "1").Stderr, Does.Contain("--load: load must lie below 1 (got 1): a queue at or above capacity has no stationary latency"), "the edge kind's rule, as a campaign's edge scenario gets it");
    }

    [Test]
    public void RequestsWithoutServiceTimesOrTokensAndNonEdgeTracesAreRefused()
    {
        using var dir = new TempDir();
        var noService = dir.File("own.csv", "id,arrival_s,service_s\na,0.5,\nb,1.0,0.2\n");
        var r = NodeSimInProcess.Run("edge", "--trace", noService);
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("request a has no service time and no token counts"));
        var negative = NodeSimInProcess.Run("edge", "--trace", dir.File("neg.csv", "id,arrival_s,service_s\na,0.5,-1\n"));
        Assert.That(negative.ExitCode, Is.EqualTo(2));
        Assert.That(negative.Stderr, Does.Contain("neg.csv:2: column 3 (service_s): '-1' is below 0"));
        var hpc = NodeSimInProcess.Run("edge", "--trace", "synthetic:hpc?jobs=10");
        Assert.That(hpc.ExitCode, Is.EqualTo(2));
        Assert.That(hpc.Stderr, Does.Contain("--trace: an edge scenario serves requests: give an edge CSV or synthetic:edge?..., not a batch workload"));
    }
}

/// <summary>Edge scenarios in campaigns: they run, report their metrics, and refuse keys that belong to other kinds.</summary>
public class EdgeCampaignTests
{
    [Test]
    public void AnEdgeScenarioRunsAndReportsLatencyByStackAndLoad()
    {
        using var dir = new TempDir();
        var file = dir.File("edge.yaml", """
            campaign: edge
            seed: 7
            replications: 2
            scenarios:
              - name: short
                kind: edge
                stacks: [native-kitten, hafnium-linux]
                trace: synthetic:edge?requests=3000&service=exponential&service_median_seconds=0.0001386
                cores: 2
                sweep:
                  load: [0.3, 0.9]
            """);
        var r = NodeSimInProcess.Run("run", file, "--out", Path.Combine(dir.Path, "out"));
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        var summary = File.ReadAllLines(Path.Combine(dir.Path, "out", "summary.csv"));
        var p99 = summary.Where(l => l.Contains(",p99_us,")).ToList();
        Assert.That(p99, Has.Count.EqualTo(4), "two stacks at two loads");
        Assert.That(File.Exists(Path.Combine(dir.Path, "out", "plots", "short-vs-load.png")), Is.True, "p99 against load");
        Assert.That(File.Exists(Path.Combine(dir.Path, "out", "plots", "short-latency.png")), Is.True);
    }

    [TestCase("profile: io", "scenarios[0].profile: applies to job and sensitivity scenarios only; edge scenarios take trace, preset, cores, cores_per_request, load, rate_scale, queue_limit")]
    [TestCase("interconnect: gige-tcp", "scenarios[0].interconnect: applies to job, replay and sensitivity scenarios only")]
    [TestCase("load: 1.5", "scenarios[0].load: 1.5 is above the maximum, 1")]
    [TestCase("load: 1", "load must lie below 1 (got 1): a queue at or above capacity has no stationary latency")]
    public void KeysOfOtherKindsAndImpossibleLoadsAreRefused(string extra, string message)
    {
        using var dir = new TempDir();
        var file = dir.File("bad.yaml", $"""
            campaign: bad
            scenarios:
              - name: e
                kind: edge
                stacks: [native-kitten]
                trace: synthetic:edge?requests=100&service=exponential&service_median_seconds=0.0001386
                {extra}
            """);
        var r = NodeSimInProcess.Run("validate", file);
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain(message));
    }

    [Test]
    public void ABurstyTraceIsSaidToBeOneBeforeItsNumbersAreRead()
    {
        // The Azure LLM code trace's busiest minute carries about five times its mean rate: at a mean load of 0.8 on four cores,
        // every burst queues, and the quantiles measure that backlog.
        var trace = SharedTraces.Require("azure-llm-inference-2023-code.csv.gz");
        var r = NodeSimInProcess.Run("edge", "--trace", trace, "--load", "0.8", "--stack", "native-linux,native-kitten", "--replications", "2", "--json");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(r.Stderr, Does.Contain("warning: azure-llm-inference-2023-code.csv.gz is bursty: its busiest minute brings"));
        var bursts = r.Json.GetProperty("burstiness");
        Assert.That(bursts.GetProperty("overloads").GetBoolean(), Is.True);
        Assert.That(bursts.GetProperty("peak_minute_load").GetDouble(), Is.GreaterThan(3));
        Assert.That(bursts.GetProperty("mean_load").GetDouble(), Is.EqualTo(0.8).Within(0.01));
        var info = NodeSimInProcess.Run("trace", "info", trace, "--json");
        Assert.That(info.Json.GetProperty("burstiness").GetProperty("peak_minute_load").GetDouble(), Is.GreaterThan(2.5), "as it is, on 4 cores");
    }
}
