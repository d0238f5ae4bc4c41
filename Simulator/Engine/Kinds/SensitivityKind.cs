using NodeSim.Models.Parameters;

namespace NodeSim.Engine.Kinds;

/// <summary>
/// <c>kind: sensitivity</c>: a global sensitivity study of a contrast between stacks — each stack's headline against the
/// <c>compare_to</c> stack's — over the parameters a scenario's <c>sensitivity:</c> block varies. Its samples are points
/// of another kind's scenario (a job's window: <paramref name="of"/>), run on the same random numbers at every sample
/// (common random numbers: a parameter that reaches neither stack of a contrast moves it by exactly 0); Morris's
/// elementary effects rank the parameters, Saltelli's sample gives Sobol indices for those named. The analysis is the
/// summary's: <see cref="SummaryTable.SensitivityTables"/>.
/// </summary>
public sealed class SensitivityKind(ScenarioKind of) : ScenarioKind
{
    /// <summary>The kind whose runs the samples are.</summary>
    public ScenarioKind Of => of;

    public override string Name => "sensitivity";

    public override string Description => $"a global sensitivity study (Morris screening, optional Sobol indices) of a contrast between stacks; each sample is a point of a {of.Name} scenario";

    public override ParameterSet Parameters => of.Parameters;

    public override object Defaults => of.Defaults;

    public override IEnumerable<CatalogueEntry> CatalogueEntries() => [];

    public override IReadOnlyList<string> ModelRoots => of.ModelRoots;

    public override RunWork Resolve(object settings, IPointContext point) => of.Resolve(settings, point);

    public override (IReadOnlyList<Metric> Metrics, IReadOnlyList<JobRecord> Rows) Execute(RunWork work, RunContext context, JobRecord label) =>
        of.Execute(work, context, label);

    public override IReadOnlyList<MetricInfo> Metrics => of.Metrics;

    public override Headline Headline => of.Headline;

    public override SummaryTable Summary => new SummaryTable.SensitivityTables(of.Headline.Metric);

    public override double Cost(RunWork work) => of.Cost(work);
}
