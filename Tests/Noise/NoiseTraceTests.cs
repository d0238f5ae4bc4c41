using NodeSim.Tests.Cli;
using NodeSim.Traces.Noise;

namespace NodeSim.Tests.Noise;

/// <summary>
/// Noise traces: written and read back exactly in NodeSim's format, read in LogGOPSim's and as a plain CSV, refused with
/// file, line and field when a row is wrong; the periodic part of a trace found at its exact frequency; the probe writing a
/// trace that reads back (its structure, never its timing, which is this machine's).
/// </summary>
public class NoiseTraceTests
{
    /// <summary>A 250 Hz tick of 5 µs (a random phase per core) and Poisson daemons at 5/s, log-normal of median 30 µs and σ 1.</summary>
    internal static NoiseTrace TickAndDaemons(int cores, double seconds, int seed = 7, double tickHz = 250, double daemonRate = 5)
    {
        var random = new Random(seed);
        var span = (long)(seconds * 1e9);
        var byCore = new Dictionary<int, Detour[]>();
        for (var core = 0; core < cores; core++)
        {
            var detours = new List<Detour>();
            var period = (long)Math.Round(1e9 / tickHz);
            for (var t = (long)(random.NextDouble() * period); t < span; t += period) detours.Add(new Detour(t, 5_000));
            for (var t = -Math.Log(1 - random.NextDouble()) / daemonRate * 1e9; t < span; t += -Math.Log(1 - random.NextDouble()) / daemonRate * 1e9)
                detours.Add(new Detour((long)t, (long)Math.Round(30_000 * Math.Exp(MathNet.Numerics.Distributions.Normal.Sample(random, 0, 1)))));
            // A daemon that lands on a tick runs after it: queue them, as a core would.
            var ordered = new List<Detour>();
            foreach (var d in detours.OrderBy(d => d.StartNs))
            {
                var start = ordered.Count > 0 ? Math.Max(d.StartNs, ordered[^1].EndNs) : d.StartNs;
                if (start + d.DurationNs <= span) ordered.Add(d with { StartNs = start });
            }
            byCore[core] = [.. ordered];
        }
        return new NoiseTrace(new NoiseTraceHeader("nodesim", span, "test", "none", "generated"), byCore);
    }

    [Test]
    public void NodeSimsFormatReadsBackExactly()
    {
        using var dir = new TempDir();
        var trace = TickAndDaemons(3, 2);
        var path = dir.File("t.noise.csv");
        using (var f = File.Create(path)) NoiseTraceWriter.Write(f, trace);
        var back = NoiseTraceReader.Read(path);
        Assert.That(back.Header, Is.EqualTo(trace.Header));
        Assert.That(back.Cores, Is.EqualTo(trace.Cores));
        foreach (var core in trace.Cores) Assert.That(back.ByCore[core], Is.EqualTo(trace.ByCore[core]));
    }

    [Test]
    public void LogGopSimsFormatAndAPlainCsvAreRead()
    {
        using var dir = new TempDir();
        // Absolute times count from the first detour; a tab or spaces separate the fields, as LogGOPSim's sscanf takes them.
        var log = NoiseTraceReader.Read(dir.File("core0.txt", "# a comment\n1000001000\t250\n1000005000.4  99.6\n\n1000009000\t10\n"));
        Assert.That(log.Header.Format, Is.EqualTo("loggopsim"));
        Assert.That(log.ByCore[0], Is.EqualTo(new[] { new Detour(0, 250), new Detour(4000, 100), new Detour(8000, 10) }));
        Assert.That(log.Header.DurationNs, Is.EqualTo(8010));
        var csv = NoiseTraceReader.Read(dir.File("t.csv", "core,start_ns,duration_ns\n1,10,5\n0,20,5\n1,30,5\n"));
        Assert.That(csv.Header.Format, Is.EqualTo("csv"));
        Assert.That(csv.Cores, Is.EqualTo(new[] { 0, 1 }));
        Assert.That(csv.ByCore[1], Is.EqualTo(new[] { new Detour(0, 5), new Detour(20, 5) }), "counted from the first detour");
    }

    [Test]
    public void AProbesTraceOfQuietCoresHasTheirCoresAndNoDetours()
    {
        using var dir = new TempDir();
        var trace = NoiseTraceReader.Read(dir.File("quiet.csv", "# nodesim-noise 1\n# duration_ns: 1000000\n# cores: 0 1\ncore,start_ns,duration_ns\n"));
        Assert.That(trace.Cores, Is.EqualTo(new[] { 0, 1 }));
        Assert.That(trace.Detours, Is.Zero);
        Assert.That(NoiseSummary.Of(trace).NoiseFraction, Is.Zero);
    }

    [TestCase("core,start_ns,duration_ns\n0,10,5\n0,5,5\n", "t.csv:3: core 0's detour at 5 ns comes after one at 10 ns (line 2); a noise trace lists each core's detours in time order")]
    [TestCase("core,start_ns,duration_ns\n0,10,5\n0,12,5\n", "t.csv:3: core 0's detour at 12 ns overlaps the one before it (line 2, 10 ns for 5 ns); a core has one detour at a time, so a probe never records overlapping ones")]
    [TestCase("core,start_ns,duration_ns\n0,-10,5\n", "t.csv:2: field 2 (start_ns): -10 is outside 0 to 2,305,843,009,213,693,951")]
    [TestCase("core,start_ns,duration_ns\n0,10,0\n", "t.csv:2: field 3 (duration_ns): 0 ns; a detour lasts at least 1 ns")]
    [TestCase("core,start_ns,duration_ns\n0,100,5\n", "t.csv: core 0 is in detours 100.0 % of the trace's 5 ns; a core busier than 95 % leaves a job almost no time to run (is the trace's span right?)")]
    [TestCase("Core,Start,Duration\n0,100,5\n", "t.csv:1: expected the header 'core,start_ns,duration_ns', found 'Core,Start,Duration'")]
    [TestCase("# nodesim-noise 1\n# duration_ns: 100\n# cores: 0 x\ncore,start_ns,duration_ns\n0,1,2\n", "t.csv: header cores: 'x' is not a core number (0 to 4095)")]
    [TestCase("core,start_ns,duration_ns\n0,ten,5\n", "t.csv:2: field 2 (start_ns): 'ten' is not a whole number; expected nanoseconds")]
    [TestCase("core,start_ns,duration_ns\n0,10\n", "t.csv:2: expected 3 comma-separated fields (core,start_ns,duration_ns), found 2")]
    [TestCase("core,start_ns,duration_ns\n", "t.csv: no detours; expected a noise trace (NodeSim's, a CSV core,start_ns,duration_ns, or LogGOPSim's start<TAB>duration; optionally gzip-compressed)")]
    [TestCase("# nodesim-noise 1\n# duration_ns: 100\ncore,start_ns,duration_ns\n0,90,20\n", "t.csv: its header says duration_ns: 100, but a detour ends at 110 ns; the header is wrong, or the rows are")]
    [TestCase("# nodesim-noise 1\n0,1,2\n", "t.csv:2: expected the header 'core,start_ns,duration_ns' after NodeSim's header lines")]
    [TestCase("core,start_ns,duration_ns\n5000,1,2\n", "t.csv:2: field 1 (core): 5000 is outside 0 to 4,095")]
    public void ABadRowIsRefusedWhereItIs(string content, string message)
    {
        using var dir = new TempDir();
        var path = dir.File("t.csv", content);
        var e = Assert.Throws<UserInputException>(() => NoiseTraceReader.Read(path))!;
        Assert.That(e.Message, Is.EqualTo(Path.Combine(dir.Path, message)));
    }

    [Test]
    public void ATicksFrequencyIsFoundExactlyAmidPoissonDaemons()
    {
        var trace = TickAndDaemons(4, 20);
        var (components, rest) = PeriodicComponent.Find(trace);
        Assert.That(components, Has.Count.EqualTo(1), string.Join(", ", components.Select(c => $"{c.FrequencyHz} Hz")));
        Assert.That(components[0].FrequencyHz, Is.EqualTo(250).Within(1e-6));
        Assert.That(components[0].Cores, Is.EqualTo(4));
        Assert.That(components[0].DetoursPerTick, Is.GreaterThan(0.99));
        // What is left is the daemons: about 5 per second per core.
        Assert.That(rest.Count / (20.0 * 4), Is.EqualTo(5).Within(1));
        Assert.That(PeriodicComponent.Find(TickAndDaemons(2, 20, tickHz: 1e-3, daemonRate: 200)).Components, Is.Empty, "Poisson detours alone hold no period");
        // Amid a dense background (1,500 daemons per second per core, six for every tick) the tick is still the tick, not a harmonic.
        var dense = PeriodicComponent.Find(TickAndDaemons(2, 10, daemonRate: 1500)).Components;
        Assert.That(dense, Is.Not.Empty);
        Assert.That(dense[0].FrequencyHz, Is.EqualTo(250).Within(1e-3), string.Join(", ", dense.Select(c => $"{c.FrequencyHz} Hz")));
        Assert.That(dense[0].MedianDurationNs, Is.EqualTo(5_000), "its detours are the ticks");
    }

    [Test]
    public void TheProbeWritesATraceThatReadsBackAndShows()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "probe.noise.csv");
        var r = NodeSimInProcess.Run("noise", "probe", "--cores", "0", "--seconds", "0.3", "--condition", "test", "--out", path, "--json");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(r.Json.GetProperty("resolution_ns").GetDouble(), Is.GreaterThan(0));
        var trace = NoiseTraceReader.Read(path);
        Assert.That(trace.Header.Format, Is.EqualTo("nodesim"));
        Assert.That(trace.Header.Condition, Is.EqualTo("test"));
        Assert.That(trace.Header.DurationNs, Is.EqualTo(300_000_000));
        Assert.That(trace.Header.ResolutionNs, Is.GreaterThan(0));
        Assert.That(trace.Cores.All(c => c == 0));
        var show = NodeSimInProcess.Run("noise", "show", path, "--json");
        Assert.That(show.ExitCode, Is.Zero, show.Stderr);
        Assert.That(show.Json.GetProperty("summary").GetProperty("seconds").GetDouble(), Is.EqualTo(0.3).Within(1e-9));
        var prefix = Path.Combine(dir.Path, "fig");
        var drawn = NodeSimInProcess.Run("noise", "show", path, "--plot", prefix);
        Assert.That(drawn.ExitCode, Is.Zero, drawn.Stderr);
        foreach (var f in new[] { "ccdf.png", "ccdf.svg", "timeline.png", "timeline.svg" })
            Assert.That(new FileInfo($"{prefix}-{f}").Length, Is.GreaterThan(1000), f);
        Assert.That(NodeSimInProcess.Run("noise", "show", path, "--plot", prefix).ExitCode, Is.EqualTo(2), "a figure is replaced only with --force");
        var again = NodeSimInProcess.Run("noise", "probe", "--cores", "0", "--seconds", "0.1", "--out", path);
        Assert.That(again.ExitCode, Is.EqualTo(2), "an existing file is replaced only with --force");
        Assert.That(NodeSimInProcess.Run("noise", "probe", "--cores", "99999", "--seconds", "0.1").Stderr, Does.Contain("--cores: core 99999 is not one of this machine's"));
        var tooFine = NodeSimInProcess.Run("noise", "probe", "--cores", "0", "--seconds", "0.1", "--threshold-ns", "1", "--out", Path.Combine(dir.Path, "fine.csv"));
        Assert.That(tooFine.ExitCode, Is.EqualTo(2));
        Assert.That(tooFine.Stderr, Does.Contain("error: --threshold-ns 1 is below twice the loop's undisturbed iteration here"));
        Assert.That(File.Exists(Path.Combine(dir.Path, "fine.csv")), Is.False, "nothing written");
    }
}
