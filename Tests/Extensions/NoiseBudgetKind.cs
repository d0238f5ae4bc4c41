using NodeSim.Engine;
using NodeSim.Engine.Kinds;
using NodeSim.Models.Costs;
using NodeSim.Models.Isolation;
using NodeSim.Models.Parameters;
using NodeSim.Models.Registries;
using NodeSim.Models.Soc;
using NodeSim.Models.Workloads;

namespace NodeSim.Tests.Extensions;

/// <summary>A point of a noise-budget scenario: the job whose noise sources are counted, and the SoC.</summary>
public sealed record NoiseBudgetSettings(string Profile, string Preset);

/// <summary>A stack's noise sources for a job on a SoC.</summary>
public sealed record NoiseBudgetWork(IsolationStack Stack, SocPreset Soc, JobProfile Profile) : RunWork(Stack, Soc);

/// <summary>
/// A kind of scenario NodeSim does not ship: the share of a core a stack's noise sources take from a
/// job's rank, added up from their rates and mean costs (no event simulation), and how often they strike.
/// </summary>
public sealed class NoiseBudgetKind(ModelCatalogue models)
    : ScenarioKind<NoiseBudgetSettings, NoiseBudgetWork, IReadOnlyList<NoiseSource>>(Declare(models))
{
    private static Preset<NoiseBudgetSettings> Declare(ModelCatalogue models) => new("noise-budget", "the share of a core each stack's noise takes, from rates and mean costs",
        new NoiseBudgetSettings("compute", NodeParameters.DefaultPreset),
        ParameterSet.For<NoiseBudgetSettings>("noise-budget scenario")
            .Name("profile", "profile", "the job whose noise is counted", () => models.Profiles.Names, s => s.Profile, (s, v) => s with { Profile = v })
            .Preset(models, s => s.Preset, (s, v) => s with { Preset = v })
            .Build(),
        new Dictionary<string, Source>
        {
            ["profile"] = Source.Setting("a compute-bound job, which raises no interrupts of its own"),
            ["preset"] = NodeParameters.PresetSource,
        });

    public override IReadOnlyList<string> ModelRoots { get; } = ["stack", "soc", "profile"];
    public override Headline Headline { get; } = new("noise_pct", "noise", "noise (% of a core)");
    public override SummaryTable Summary { get; } = new SummaryTable.StackColumns("noise_pct", "Noise (% of a core)");

    public override IReadOnlyList<MetricDefinition<IReadOnlyList<NoiseSource>>> Definitions { get; } =
    [
        new(new("noise_pct", "%", "share of a core the noise sources take: Σ rate × mean cost"), sources => 100 * sources.Sum(Load)),
        new(new("detours_per_s", "1/s", "detours per second on a core"), sources => sources.Sum(Rate)),
    ];

    protected override NoiseBudgetWork Resolve(NoiseBudgetSettings s, IPointContext point) => new(point.Stack, point.Soc(s.Preset), point.Profile(s.Profile));

    protected override (IReadOnlyList<NoiseSource> Outcome, IReadOnlyList<JobRecord> Rows) Execute(NoiseBudgetWork work, RunContext context, JobRecord label) =>
        (work.Stack.NoiseSources(work.Profile, work.Soc), []);

    protected override double Cost(NoiseBudgetWork work) => 1;

    private static double Rate(NoiseSource s) => s switch { NoiseSource.Periodic p => p.RateHz, NoiseSource.Poisson q => q.RatePerSecond, _ => 0 };

    private static double Load(NoiseSource s) => s switch
    {
        NoiseSource.Periodic p => p.RateHz * p.Cost.Total,
        NoiseSource.Poisson q => q.RatePerSecond * q.MeanSeconds,
        _ => 0,
    };
}
