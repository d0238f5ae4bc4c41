namespace NodeSim.Tests.Cli;

public class StackCommandTests
{
    [Test]
    public void JobPrintsTheSlowdownTheLedgerAndTheCounters()
    {
        var r = NodeSimProcess.Run("job", "--profile", "bsp-allreduce", "--ranks", "64", "--stack", "hafnium-linux", "--inject-noise", "10hz:2500us", "--json");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        var ledger = r.Json.GetProperty("ledger");
        Assert.That(ledger.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[]
        {
            "translation_pct", "world_switches_pct", "interrupt_routing_pct", "tick_noise_pct", "daemon_noise_pct",
            "pollution_pct", "scheduling_delay_pct", "injected_noise_pct", "network_stack_pct", "message_relay_pct", "measured_noise_pct", "collective_amplification_pct", "housekeeping_cores_pct",
        }));
        // The keys are the metrics' names as the job kind declares them (runs.csv's columns), nested by their group.
        Assert.That(ledger.EnumerateObject().Sum(p => p.Value.GetDouble()), Is.EqualTo(r.Json.GetProperty("overhead_pct").GetDouble()).Within(1e-6));
        Assert.That(r.Json.GetProperty("amplification").EnumerateObject().Sum(p => p.Value.GetDouble()),
            Is.EqualTo(ledger.GetProperty("collective_amplification_pct").GetDouble()).Within(1e-3));
        Assert.That(ledger.GetProperty("injected_noise_pct").GetDouble(), Is.GreaterThan(0));
        Assert.That(r.Json.GetProperty("counters").GetProperty("world_switches_per_s").GetDouble(), Is.GreaterThan(0));
    }

    [Test]
    public void StacksListsParametersWithSources()
    {
        var r = NodeSimProcess.Run("stacks", "--json");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        var stacks = r.Json.EnumerateArray().ToList();
        Assert.That(stacks.Select(s => s.GetProperty("name").GetString()), Is.EqualTo(new[]
            { "ideal", "native-linux", "native-kitten", "hafnium-linux", "hafnium-kitten", "native-linux-tuned", "hafnium-linux-tuned", "hafnium-linux-linuxguest" }));
        var hafniumLinux = stacks[3];
        Assert.That(hafniumLinux.GetProperty("primary").GetProperty("name").GetString(), Is.EqualTo("linux"));
        Assert.That(hafniumLinux.GetProperty("guest").GetProperty("name").GetString(), Is.EqualTo("kitten"));
        var switchCost = hafniumLinux.GetProperty("hypervisor").GetProperty("parameters").EnumerateArray().First(p => p.GetProperty("name").GetString() == "world_switch_cycles");
        Assert.That(switchCost.GetProperty("source").GetString(), Does.Contain("1,000–3,000"));
    }

    [Test]
    public void ParamsListsEveryParameterWithUnitRangeAndSource()
    {
        var r = NodeSimProcess.Run("params", "--json");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        var entries = r.Json.EnumerateArray().ToList();
        Assert.That(entries.Select(e => e.GetProperty("model").GetString()).Distinct(),
            Is.EquivalentTo(new[] { "node kernel", "hypervisor", "SoC", "profile", "interconnect", "scenario kind", "generator", "edge service model" }));
        Assert.That(entries.All(e => e.GetProperty("source").GetString()!.Length > 0 && e.GetProperty("range").GetString()!.Length > 0), Is.True);
        var wsc = entries.Single(e => e.GetProperty("paths").EnumerateArray().Any(p => p.GetString() == "stack.hypervisor.world_switch_cycles"));
        Assert.That(wsc.GetProperty("unit").GetString(), Is.EqualTo("cycles"));
        Assert.That(wsc.GetProperty("value").GetString(), Is.EqualTo("2000"));
        Assert.That(wsc.GetProperty("assumed").GetBoolean(), Is.False);
        var load = entries.Single(e => e.GetProperty("paths").EnumerateArray().Any(p => p.GetString() == "synthetic:hpc?load"));
        Assert.That(load.GetProperty("assumed").GetBoolean(), Is.True);
    }

    [TestCase(new[] { "job", "--profile", "gupz", "--stack", "ideal" }, "unknown profile 'gupz' (did you mean 'gups'?)")]
    [TestCase(new[] { "job", "--profile", "gups", "--stack", "hafnium-kiten" }, "unknown stack 'hafnium-kiten' (did you mean 'hafnium-kitten'?)")]
    [TestCase(new[] { "job", "--profile", "gups", "--stack", "ideal", "--inject-noise", "10hz" }, "--inject-noise: '10hz' is not FREQUENCY:DURATION[:sync]")]
    [TestCase(new[] { "job", "--profile", "gups", "--stack", "ideal", "--inject-noise", "1khz:2ms" }, "takes 200% of the time")]
    [TestCase(new[] { "job", "--stack", "ideal" }, "--profile is required")]
    [TestCase(new[] { "replay", "--trace", "synthetic:hpc?jobs=10", "--stack", "ideal,linux" }, "unknown stack 'linux'")]
    public void BadInputExitsWith2(string[] args, string message)
    {
        var r = NodeSimInProcess.Run(args);
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain(message));
    }
}
