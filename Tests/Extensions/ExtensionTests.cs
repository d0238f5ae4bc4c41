using NodeSim.Engine;
using NodeSim.Files;
using NodeSim.Hosting;
using NodeSim.Models.Costs;
using NodeSim.Models.Isolation;
using NodeSim.Models.NodeKernels;
using NodeSim.Models.Parameters;
using NodeSim.Models.Soc;
using NodeSim.Models.Workloads;
using NodeSim.Orchestration;
using NodeSim.Tests.Cli;

namespace NodeSim.Tests.Extensions;

/// <summary>
/// Extending NodeSim from outside it: a hypervisor (<see cref="StaticPartitioner"/>), a kind of
/// scenario (<see cref="NoiseBudgetKind"/>) and a plot (<see cref="DetourRatePlot"/>), each a class
/// of the test assembly registered into the test's own registries — no NodeSim file changed — and
/// run through the command line as a user would run a campaign. The registrations are the test's:
/// the built-in registries, which other tests use at the same time, never see them.
/// </summary>
public class ExtensionTests
{
    /// <summary>NodeSim's registries with the three extensions added: what an extension's own program would build at start-up.</summary>
    private static Registries Extended()
    {
        var registries = BuiltIns.Registries();
        registries.Models.Hypervisors.Add(StaticPartitioner.Preset);
        registries.Kinds.Add(new NoiseBudgetKind(registries.Models));
        registries.Plots.Add(new DetourRatePlot());
        return registries;
    }

    private const string Campaign = """
        campaign: extension
        seed: 3
        replications: 1
        define_stacks:
          partitioned:
            primary: kitten
            hypervisor: static-partitioner
            set: {primary.tick_hz: 100}
        scenarios:
          - name: exits
            kind: job
            stacks: [partitioned]
            profile: bsp-allreduce
            ranks: 8
            sweep:
              stack.hypervisor.exit_cycles: [0, 10000]
          - name: budget
            kind: noise-budget
            stacks: [native-linux, native-kitten, partitioned]
            sweep:
              profile: [compute, io]
        """;

    [Test]
    public void AHypervisorFromOutsideRunsAJobAndItsParameterMovesTheResult()
    {
        var stack = new IsolationStack("linux-partitioned", "Linux primary, static partitioner", NodeKernelPresets.Linux, StaticPartitioner.Preset.Model, NodeKernelPresets.Kitten);
        var context = new RunContext();
        var cheap = context.Job(new JobExecutionRequest(JobProfiles.BspAllreduce, stack, 16, SocPresets.PineA64));
        var dear = context.Job(new JobExecutionRequest(JobProfiles.BspAllreduce, stack with { Hypervisor = new StaticPartitioner(20_000) }, 16, SocPresets.PineA64));
        Assert.That(cheap.LedgerPct[OverheadCause.WorldSwitches], Is.GreaterThan(0));
        Assert.That(dear.LedgerPct[OverheadCause.WorldSwitches], Is.GreaterThan(5 * cheap.LedgerPct[OverheadCause.WorldSwitches]));
        // Counted from the ticks in the window: each core's count is off the rate × time by less than one tick.
        Assert.That(cheap.Rate(Counter.WorldSwitches), Is.EqualTo(16 * 2 * 250).Within(16 * 2 / cheap.SimulatedSeconds));
    }

    [Test]
    public void AKindAPlotAndAHypervisorFromOutsideRunInACampaign()
    {
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "out");
        var registries = Extended();
        var run = NodeSimInProcess.Run(registries, AtomicFile.Disk, "run", dir.File("extension.yaml", Campaign), "--out", output, "--json");
        Assert.That(run.ExitCode, Is.Zero, run.Stderr);

        var campaign = registries.Loader.Load(Path.Combine(dir.Path, "extension.yaml"));
        var results = campaign.Runs.Select(r => new RunExecutor().Execute(r).Result).ToList();
        Assert.That(results.Select(r => r.Error), Has.All.Null);
        // The hypervisor's parameter moves the job's world switches, and each is counted.
        var exits = results.Where(r => r.Scenario == "exits").ToList();
        Assert.That(exits[0]["world_switches_pct"], Is.Zero);
        Assert.That(exits[1]["world_switches_pct"], Is.GreaterThan(0));
        Assert.That(exits[1]["world_switches_per_s"], Is.EqualTo(8 * 2 * 100).Within(8 * 2 / exits[1]["simulated_s"]!.Value));
        // The kind's metrics: Linux's tick and daemons take more of a core than Kitten's 1 Hz tick; the io profile's interrupts add to both.
        double Noise(string stack, string profile) => results.Single(r => r.Scenario == "budget" && r.Stack == stack && r.Parameters.Single(p => p.Key == "profile").Value == profile)["noise_pct"]!.Value;
        Assert.That(Noise("native-linux", "compute"), Is.GreaterThan(20 * Noise("native-kitten", "compute")));
        Assert.That(Noise("native-kitten", "io"), Is.GreaterThan(Noise("native-kitten", "compute")));
        // 250 Hz ticks, 5 daemon wake-ups per second: 255 detours per second of a compute job's core.
        Assert.That(results.Single(r => r.Scenario == "budget" && r.Stack == "native-linux" && r.Point == 0)["detours_per_s"], Is.EqualTo(255).Within(1e-9));

        // Through the command line: its tables, its summary table and its plot, the built-in plots beside it.
        var runs = File.ReadAllText(Path.Combine(output, "runs.csv"));
        Assert.That(runs, Does.Contain(",noise-budget,").And.Contain("noise_pct"));
        var summary = File.ReadAllText(Path.Combine(output, "summary.md"));
        Assert.That(summary, Does.Contain("## budget (noise-budget)").And.Contain("Noise (% of a core):").And.Contain("budget-detour-rate.png"));
        // A plot applies by what a scenario reports: the job kind reports detours per second too, so its scenario gets the new plot as well.
        foreach (var plot in new[] { "budget-detour-rate.png", "budget-overhead.png", "exits-detour-rate.png", "exits-ledger.png" })
            Assert.That(File.Exists(Path.Combine(output, "plots", plot)), Is.True, plot);
        Assert.That(File.Exists(Path.Combine(output, "plots", "budget-ledger.png")), Is.False, "the noise-budget kind declares no ledger");
        Assert.That(File.ReadAllText(Path.Combine(output, "manifest.json")), Does.Contain("\"noise-budget\"").And.Contain("share of a core the noise sources take"));

        // The catalogue, the schema and the help know them.
        Assert.That(NodeSimInProcess.Run(registries, AtomicFile.Disk, "params").Stdout, Does.Contain("scenario kind noise-budget").And.Contain("static-partitioner"));
        Assert.That(NodeSimInProcess.Run(registries, AtomicFile.Disk, "schema").Stdout, Does.Contain("\"noise-budget\"").And.Contain("stack.hypervisor.exit_cycles"));
        Assert.That(NodeSimInProcess.Run(registries, AtomicFile.Disk, "plot", output).ExitCode, Is.Zero, "redrawn from the tables, with the plot registered");
    }

    [Test]
    public void TheBuiltInRegistriesSeeNoneOfATestsRegistrations()
    {
        using var dir = new TempDir();
        Extended();
        var refused = NodeSimInProcess.Run("validate", dir.File("extension.yaml", Campaign));
        Assert.That(refused.ExitCode, Is.EqualTo(2));
        Assert.That(refused.Stderr, Does.Contain("define_stacks.partitioned.hypervisor: unknown value 'static-partitioner'"));
        Assert.That(Contexts.BuiltIn.Kinds.Find("noise-budget"), Is.Null);
        Assert.That(BuiltIns.Registries().Plots.Find("detour-rate"), Is.Null);
    }

    [Test]
    public void AParameterOfAHypervisorFromOutsideIsCheckedAsNodeSimsOwn()
    {
        var wrong = Assert.Throws<UserInputException>(() => Extended().Loader.Parse("x.yaml", """
            campaign: x
            define_stacks: {p: {primary: kitten, hypervisor: static-partitioner, set: {hypervisor.world_switch_cycles: 1}}}
            scenarios: [{name: a, kind: job, stacks: [p], profile: io}]
            """))!;
        Assert.That(wrong.Message, Does.Contain("unknown hypervisor (static partitioner) parameter 'world_switch_cycles'; choose from: exit_cycles"));
    }

    [Test]
    public void ASharedRegistryRefusesARegistration()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Contexts.BuiltIn.Kinds.Add(new NoiseBudgetKind(Contexts.BuiltIn.Models)))!;
        Assert.That(refused.Message, Does.Contain("frozen").And.Contain("noise-budget"));
        Assert.That(Contexts.BuiltIn.Kinds.Find("noise-budget"), Is.Null);
        Assert.Throws<InvalidOperationException>(() => Contexts.BuiltIn.Models.Hypervisors.Add(StaticPartitioner.Preset));
    }

    [TestCase("noise_percent", "noise_pct", "kind 'misnamed': its headline names the metric 'noise_percent', which it does not declare")]
    [TestCase("noise_pct", "noise_percent", "kind 'misnamed': its summary table names the metric 'noise_percent', which it does not declare")]
    public void AKindThatNamesAMetricItDoesNotDeclareIsRefusedAtRegistration(string headline, string summary, string message)
    {
        var registries = BuiltIns.Registries();
        var refused = Assert.Throws<InvalidOperationException>(() => registries.Kinds.Add(new Misnamed(headline, summary)))!;
        Assert.That(refused.Message, Is.EqualTo(message));
        Assert.That(registries.Kinds.Find("misnamed"), Is.Null);
    }

    [Test]
    public void AKindThatDeclaresAMetricTwiceIsRefusedAtRegistration() =>
        Assert.That(Assert.Throws<InvalidOperationException>(() => BuiltIns.Registries().Kinds.Add(new Misnamed("noise_pct", "noise_pct", twice: true)))!.Message,
            Is.EqualTo("kind 'misnamed' declares the metric 'noise_pct' twice"));

    /// <summary>A kind that gets its own metric names wrong: a headline or summary column naming <c>noise_percent</c>, which it does not declare.</summary>
    private sealed class Misnamed(string headline, string summary, bool twice = false) : ScenarioKind<NoiseBudgetSettings, NoiseBudgetWork, double>(
        new Preset<NoiseBudgetSettings>("misnamed", "a kind with a typo", new NoiseBudgetSettings("compute", "pine-a64"),
            ParameterSet.For<NoiseBudgetSettings>("misnamed scenario").Build(), new Dictionary<string, Source>()))
    {
        public override IReadOnlyList<string> ModelRoots { get; } = ["stack"];
        public override Headline Headline { get; } = new(headline, "noise", "noise (%)");
        public override SummaryTable Summary { get; } = new SummaryTable.StackColumns(summary, "Noise (%)");

        public override IReadOnlyList<MetricDefinition<double>> Definitions { get; } =
            twice ? [new(new("noise_pct", "%", "noise"), v => v), new(new("noise_pct", "%", "noise again"), v => v)] : [new(new("noise_pct", "%", "noise"), v => v)];

        protected override NoiseBudgetWork Resolve(NoiseBudgetSettings s, IPointContext point) => throw new NotSupportedException("never registered, never run");
        protected override (double Outcome, IReadOnlyList<JobRecord> Rows) Execute(NoiseBudgetWork work, RunContext context, JobRecord label) =>
            throw new NotSupportedException("never registered, never run");
        protected override double Cost(NoiseBudgetWork work) => 1;
    }
}
