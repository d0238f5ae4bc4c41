namespace NodeSim.Tests.Cli;

public class TraceAndReplayCommandTests
{
    [Test]
    public void GenerateThenInfoThenReplayAsAUserWould()
    {
        using var dir = new TempDir();
        var swf = Path.Combine(dir.Path, "gen", "w.swf");
        var g = NodeSimProcess.Run("trace", "generate", "synthetic:hpc?jobs=2000&nodes=64&seed=2", "--out", swf);
        Assert.That(g.ExitCode, Is.Zero, g.Stderr);
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(swf)!), Is.EqualTo(new[] { swf }), "no temporary file left behind");

        var info = NodeSimProcess.Run("trace", "info", swf, "--json");
        Assert.That(info.ExitCode, Is.Zero, info.Stderr);
        Assert.That(info.Json.GetProperty("jobs").GetInt64(), Is.EqualTo(2000));
        Assert.That(info.Json.GetProperty("offered_load").GetDouble(), Is.EqualTo(0.85).Within(0.1));

        var csv = Path.Combine(dir.Path, "jobs.csv");
        var r = NodeSimProcess.Run("replay", "--trace", swf, "--policy", "sjf", "--backfill", "easy", "--json", "--jobs-csv", csv);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        foreach (var key in new[] { "jobs", "mean_wait_s", "mean_bsld", "utilization", "makespan_s" })
            Assert.That(r.Json.TryGetProperty(key, out _), Is.True, key);
        Assert.That(r.Json.GetProperty("jobs").GetInt32(), Is.EqualTo(2000));
        var lines = File.ReadAllLines(csv);
        Assert.That(lines[0], Does.StartWith("scenario,point,replica,stack,job_id,submit_s,start_s,end_s,wait_s,run_s,reference_run_s,turnaround_s,slowdown,bounded_slowdown,overhead_pct,processors,nodes,node_seconds,ideal_node_seconds,profile,ranks,translation_pct,"));
        Assert.That(lines[0], Does.EndWith("network_stack_pct,message_relay_pct,measured_noise_pct,collective_amplification_pct,housekeeping_cores_pct,amplified_world_switches_pct," +
                                           "amplified_interrupt_routing_pct,amplified_tick_noise_pct,amplified_daemon_noise_pct,amplified_pollution_pct," +
                                           "amplified_scheduling_delay_pct,amplified_injected_noise_pct,amplified_network_stack_pct,amplified_message_relay_pct,amplified_measured_noise_pct," +
                                           "world_switches_per_s,hypercalls_per_s,injected_interrupts_per_s,mailbox_messages_per_s"));
        Assert.That(lines, Has.Length.EqualTo(2001));
    }

    [Test]
    public void TraceInfoReadsInOneUnitPerRowWithoutExponents()
    {
        var info = NodeSimInProcess.Run("trace", "info", SharedTraces.Require("azure-functions-2021-excerpt199.csv.gz"));
        Assert.That(info.ExitCode, Is.Zero, info.Stderr);
        Assert.Multiple(() =>
        {
            Assert.That(info.Stdout, Does.Not.Match(@"\dE[-+]\d"), "no exponent notation");
            Assert.That(info.Stdout, Does.Contain("inter-arrival (ms)"), "the inter-arrival times' median is 11.6 ms");
            Assert.That(info.Stdout, Does.Contain("service (s)"));
        });
    }

    [Test]
    public void ReplayAcceptsAGeneratorDirectly()
    {
        var r = NodeSimProcess.Run("replay", "--trace", "synthetic:hpc?jobs=1000&nodes=32", "--backfill", "greedy", "--json");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(r.Json.GetProperty("nodes").GetInt32(), Is.EqualTo(32));
        Assert.That(r.Json.GetProperty("backfill").GetString(), Is.EqualTo("greedy"));
    }

    [Test]
    public void TheProtocolPrintsTheDocumentedJson()
    {
        var trace = SharedTraces.Require("lublin_256.swf.gz");
        var r = NodeSimProcess.Run("replay", "--trace", trace, "--policy", "sjf", "--backfill", "greedy", "--protocol", "rlscheduler", "--json");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(r.Json.GetProperty("policy").GetString(), Is.EqualTo("sjf"));
        Assert.That(r.Json.GetProperty("windows").GetArrayLength(), Is.EqualTo(10));
        Assert.That(r.Json.GetProperty("windows")[0].GetProperty("start").GetInt32(), Is.EqualTo(1981));
        Assert.That(Math.Round(r.Json.GetProperty("mean_bsld").GetDouble(), 2), Is.EqualTo(73.31));
        Assert.That(Math.Round(r.Json.GetProperty("mean_utilization").GetDouble(), 3), Is.EqualTo(0.778));
        Assert.That(r.Json.GetProperty("published").GetProperty("reproduced").GetBoolean(), Is.True, "the published table is shown beside the result, and matched");
    }

    [Test]
    public void GenerateWithoutOutWritesTheTraceToStandardOutputAndNothingElse()
    {
        // Two generators at once in one process: each captured run sees only its own output.
        var runs = new[] { "synthetic:edge?requests=5&seed=1", "synthetic:hpc?jobs=3&nodes=8&seed=1" }
            .AsParallel().AsOrdered().Select(spec => NodeSimInProcess.Run("trace", "generate", spec)).ToArray();
        Assert.That(runs.Select(r => r.ExitCode), Is.All.Zero);
        var edge = runs[0].Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(edge[0], Is.EqualTo("id,arrival_s,service_s"));
        Assert.That(edge, Has.Length.EqualTo(6));
        var swf = runs[1].Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(swf[0], Is.EqualTo("; Version: 2.2"));
        Assert.That(swf.Count(l => !l.StartsWith(';')), Is.EqualTo(3));
        Assert.That(runs.Select(r => r.Stderr), Is.All.Empty, "no notes when the trace goes to standard output");
    }

    [TestCase(new[] { "replay", "--trace", "synthetic:hpc?jobs=10", "--policy", "sjff" }, "--policy: unknown queue policy 'sjff' (did you mean 'sjf'?); choose from: fcfs, sjf, f1, wfp3, unicep")]
    [TestCase(new[] { "replay", "--trace", "synthetic:hpc?jobs=10", "--backfill", "eazy" }, "unknown backfilling 'eazy' (did you mean 'easy'?)")]
    [TestCase(new[] { "replay", "--trace", "/no/such/trace.swf" }, "/no/such/trace.swf: no such file")]
    [TestCase(new[] { "replay" }, "--trace is required")]
    [TestCase(new[] { "replay", "--trace", "synthetic:hpc?jobs=-3" }, "'synthetic:hpc?jobs=-3': 'jobs' = '-3' is outside its range; expected 1 to 10000000")]
    [TestCase(new[] { "replay", "--trace", "synthetic:hpc?jobs=10", "--nodes", "0" }, "--nodes: 'nodes' = '0' is outside its range; expected 1 to 10000000")]
    [TestCase(new[] { "replay", "--trace", "synthetic:hpc?jobs=10", "--estimate", "exact" }, "--estimate: 'estimate' = 'exact' is not valid; expected one of requested, runtime")]
    [TestCase(new[] { "replay", "--trace", "synthetic:hpc?jobs=10", "--preset", "rpi4" }, "--preset describes the jobs' executions under --stack")]
    [TestCase(new[] { "replay", "--trace", "synthetic:hpc?jobs=10", "--stack", "ideal", "--window", "0" }, "--window: 'window_s' = '0' is outside its range")]
    [TestCase(new[] { "replay", "--trace", "synthetic:edge?requests=5", "--stack", "ideal" }, "--trace: an edge-request generator has no batch jobs")]
    [TestCase(new[] { "replay", "--trace", "synthetic:hpc?jobs=10", "--protocol", "rlscheduler", "--stack", "ideal" }, "--protocol rlscheduler replays the batch layer alone, as published; drop --stack")]
    [TestCase(new[] { "trace", "info", "/no/such/file.csv" }, "/no/such/file.csv: no such file")]
    [TestCase(new[] { "trace", "generate", "w.swf" }, "'w.swf' is not a generator")]
    public void BadInputExitsWith2AndAClearMessage(string[] args, string message)
    {
        var r = NodeSimInProcess.Run(args);
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain(message));
        Assert.That(r.Stderr, Does.Not.Contain("   at "), "no stack trace for user errors");
    }

    [Test]
    public void AMalformedTraceIsReportedWithItsLineAndNothingIsWritten()
    {
        using var dir = new TempDir();
        var swf = dir.File("bad.swf", "; MaxNodes: 4\n1 0 -1 10 1 -1 -1 -1 -1 -1 1 -1 -1 -1 1 -1 -1 -1\n2 5 -1 ten 1 -1 -1 -1 -1 -1 1 -1 -1 -1 1 -1 -1 -1\n");
        var csv = Path.Combine(dir.Path, "jobs.csv");
        var r = NodeSimProcess.Run("replay", "--trace", swf, "--jobs-csv", csv);
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("bad.swf:3: field 4 (run time): 'ten' is not a number"));
        Assert.That(File.Exists(csv), Is.False);
        var lenient = NodeSimProcess.Run("replay", "--trace", swf, "--lenient", "--json");
        Assert.That(lenient.ExitCode, Is.Zero, lenient.Stderr);
        Assert.That(lenient.Json.GetProperty("jobs").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public void EdgeTracesReplayAsOneNodeJobsOnAGivenMachine()
    {
        using var dir = new TempDir();
        var csv = dir.File("f.csv", "app,func,end_timestamp,duration\na,f,10.0,4.0\nb,g,5.0,1.0\nc,h,7.0,3.0\n");
        var missing = NodeSimProcess.Run("replay", "--trace", csv);
        Assert.That(missing.ExitCode, Is.EqualTo(2));
        Assert.That(missing.Stderr, Does.Contain("an edge trace does not say how big the machine is; give the number of nodes with --nodes"));
        var r = NodeSimProcess.Run("replay", "--trace", csv, "--nodes", "1", "--json");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(r.Json.GetProperty("jobs").GetInt32(), Is.EqualTo(3));
        // One node: arrivals at 4 (b, 1 s), 4 (c, 3 s), 6 (a, 4 s) → c waits 1 s, a waits 2 s.
        Assert.That(r.Json.GetProperty("mean_wait_s").GetDouble(), Is.EqualTo(1.0).Within(1e-9));
    }

    [Test]
    public void ReplayComparesStacksSideBySideWithPerJobLedgers()
    {
        using var dir = new TempDir();
        var csv = Path.Combine(dir.Path, "jobs.csv");
        var r = NodeSimProcess.Run("replay", "--trace", "synthetic:hpc?jobs=600&nodes=32&seed=3", "--stack", "ideal,hafnium-linux,hafnium-kitten", "--json", "--jobs-csv", csv);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        var stacks = r.Json.GetProperty("stacks").EnumerateArray().ToList();
        Assert.That(stacks.Select(s => s.GetProperty("stack").GetString()), Is.EqualTo(new[] { "ideal", "hafnium-linux", "hafnium-kitten" }));
        foreach (var key in new[] { "mean_wait_s", "mean_bsld", "utilization", "makespan_s", "mean_overhead_pct" })
            Assert.That(stacks[1].TryGetProperty(key, out _), Is.True, key);
        Assert.That(stacks[0].GetProperty("mean_overhead_pct").GetDouble(), Is.Zero);
        Assert.That(stacks[2].GetProperty("mean_overhead_pct").GetDouble(), Is.LessThan(stacks[1].GetProperty("mean_overhead_pct").GetDouble()));
        // Every job row's ledger adds up to its overhead, and the amplification's split to its amplification.
        var rows = File.ReadAllLines(csv);
        var header = rows[0].Split(',');
        int Col(string name) => Array.IndexOf(header, name);
        var ledger = header.Select((h, i) => (h, i)).Where(x => x.h.EndsWith("_pct") && x.h != "overhead_pct" && !x.h.StartsWith("amplified_")).Select(x => x.i).ToList();
        var amplified = header.Select((h, i) => (h, i)).Where(x => x.h.StartsWith("amplified_")).Select(x => x.i).ToList();
        Assert.That(ledger, Has.Count.EqualTo(13));
        Assert.That(amplified, Has.Count.EqualTo(10));
        Assert.That(rows, Has.Length.EqualTo(1 + 3 * 600));
        foreach (var row in rows.Skip(1).Select(l => l.Split(',')))
        {
            var overhead = double.Parse(row[Col("overhead_pct")], System.Globalization.CultureInfo.InvariantCulture);
            var sum = ledger.Sum(i => double.Parse(row[i], System.Globalization.CultureInfo.InvariantCulture));
            Assert.That(sum, Is.EqualTo(overhead).Within(1e-6 + 1e-9 * overhead), string.Join(',', row));
            var amplification = double.Parse(row[Col("collective_amplification_pct")], System.Globalization.CultureInfo.InvariantCulture);
            var split = amplified.Sum(i => double.Parse(row[i], System.Globalization.CultureInfo.InvariantCulture));
            Assert.That(split, Is.EqualTo(amplification).Within(1e-6 * (1 + overhead)), string.Join(',', row));
        }
    }
}
