using NodeSim.Config;
using NodeSim.Engine;
using NodeSim.Models.Isolation;
using NodeSim.Models.NodeKernels;
using NodeSim.Models.Parameters;
using NodeSim.Models.Soc;
using NodeSim.Models.Workloads;

namespace NodeSim.Tests.Models;

/// <summary>
/// A hypervisor NodeSim does not ship: a static partitioner in the manner of Jailhouse, where a
/// partition owns its cores and devices outright, so the only exits are the primary's timer tick
/// (assumed here to trap). Defined in the test assembly, registered, and run — no change to
/// NodeSim's own files.
/// </summary>
public sealed record StaticPartitioner(double ExitCycles = 1_500) : IHypervisor
{
    public static ParameterSet Catalogue { get; } = ParameterSet.For<StaticPartitioner>("hypervisor (static partitioner)")
        .Number("exit_cycles", "cycles", 0, 1e7, "one trap to the hypervisor and back", h => h.ExitCycles, (h, v) => h with { ExitCycles = v })
        .Build();

    public static readonly Preset<IHypervisor> Preset = new("test-partitioner", "a static partitioner (test)", new StaticPartitioner(),
        new Dictionary<string, Source> { ["exit_cycles"] = Source.Assume("a test value") });

    public string Name => "test-partitioner";
    public Stage2Mode Stage2 => Stage2Mode.Blocks2M;
    public ParameterSet Parameters => Catalogue;

    public IEnumerable<NoiseSource> NoiseSources(NodeKernel primary, NodeKernel guest, JobProfile profile, SocPreset soc)
    {
        yield return new NoiseSource.Periodic("partitioner tick", primary.TickHz, false,
            new EventCost { WorldSwitches = 2 }.Add(OverheadCause.WorldSwitches, 2 * ExitCycles / soc.FrequencyHz));
    }

    /// <summary>The partition owns its NIC: a message costs what the guest's own kernel costs on bare metal.</summary>
    public NodeSim.Models.Network.MessagePath MessagePath(NodeKernel primary, NodeKernel guest, NodeSim.Models.Network.Interconnect interconnect, int bytes, SocPreset soc) =>
        new IsolationStack("bare", "the guest on bare metal", guest).MessagePath(interconnect, bytes, soc);

    public void Validate() => Catalogue.Check(this);
}

public class ExtensionTests
{
    static ExtensionTests()
    {
        if (Hypervisors.Registry.Find(StaticPartitioner.Preset.Name) is null) Hypervisors.Registry.Add(StaticPartitioner.Preset);
    }

    [Test]
    public void AHypervisorFromOutsideRunsAJobAndItsParameterMovesTheResult()
    {
        var stack = new IsolationStack("linux-partitioned", "Linux primary, static partitioner", NodeKernelPresets.Linux, StaticPartitioner.Preset.Model, NodeKernelPresets.Kitten);
        var executor = new RunExecutor();
        var cheap = executor.Job(new JobExecutionRequest(JobProfiles.BspAllreduce, stack, 16, SocPresets.PineA64));
        var dear = executor.Job(new JobExecutionRequest(JobProfiles.BspAllreduce, stack with { Hypervisor = new StaticPartitioner(20_000) }, 16, SocPresets.PineA64));
        Assert.That(cheap.LedgerPct[OverheadCause.WorldSwitches], Is.GreaterThan(0));
        Assert.That(dear.LedgerPct[OverheadCause.WorldSwitches], Is.GreaterThan(5 * cheap.LedgerPct[OverheadCause.WorldSwitches]));
        // Counted from the ticks in the window: each core's count is off the rate × time by less than one tick.
        Assert.That(cheap.WorldSwitchesPerSecond, Is.EqualTo(16 * 2 * 250).Within(16 * 2 / cheap.SimulatedSeconds));
    }

    [Test]
    public void ACampaignComposesAStackWithItAndSweepsItsParameter()
    {
        var campaign = CampaignLoader.Parse("extension.yaml", """
            campaign: extension
            seed: 3
            replications: 1
            define_stacks:
              partitioned:
                primary: kitten
                hypervisor: test-partitioner
                set: {primary.tick_hz: 100}
            scenarios:
              - name: exits
                kind: job
                stacks: [partitioned]
                profile: bsp-allreduce
                ranks: 8
                sweep:
                  stack.hypervisor.exit_cycles: [0, 10000]
            """);
        Assert.That(campaign.Runs, Has.Count.EqualTo(2));
        var executor = new RunExecutor();
        var results = campaign.Runs.Select(r => executor.Execute(r).Result).ToList();
        Assert.That(results.Select(r => r.Error), Has.All.Null);
        Assert.That(results[0]["world_switches_pct"], Is.Zero);
        Assert.That(results[1]["world_switches_pct"], Is.GreaterThan(0));
        Assert.That(results[1]["world_switches_per_s"], Is.EqualTo(8 * 2 * 100).Within(8 * 2 / results[1]["simulated_s"]!.Value));

        var wrong = Assert.Throws<UserInputException>(() => CampaignLoader.Parse("x.yaml", """
            campaign: x
            define_stacks: {p: {primary: kitten, hypervisor: test-partitioner, set: {hypervisor.world_switch_cycles: 1}}}
            scenarios: [{name: a, kind: job, stacks: [p], profile: io}]
            """))!;
        Assert.That(wrong.Message, Does.Contain("unknown hypervisor (static partitioner) parameter 'world_switch_cycles'; choose from: exit_cycles"));
    }
}
