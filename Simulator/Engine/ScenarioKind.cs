using NodeSim.Models.Parameters;

namespace NodeSim.Engine;

/// <summary>
/// A kind of scenario — what a campaign's <c>kind:</c> names: the scenario parameters it takes
/// (declared once, as a <see cref="ParameterSet"/>, with the source of each default), the model
/// roots a campaign may set under it, how it resolves a point into work and executes that work,
/// the metrics it reports, how its summary and plots present them, and what a run of it costs for
/// scheduling. Kinds are objects in a registry: adding one is a class and a registration, and no
/// code elsewhere switches on the kind. Derive from <see cref="ScenarioKind{TSettings, TWork, TOutcome}"/>.
/// </summary>
public abstract class ScenarioKind
{
    /// <summary>How campaign files and result tables name it: <c>job</c>, <c>replay</c>, <c>edge</c>.</summary>
    public abstract string Name { get; }

    public abstract string Description { get; }

    /// <summary>The scenario parameters: keys a scenario gives directly, under <c>set:</c> or under <c>sweep:</c>, besides model paths.</summary>
    public abstract ParameterSet Parameters { get; }

    /// <summary>The settings every parameter's default makes; a point's values are bound onto a copy (see <see cref="ParameterSet.With{T}"/>).</summary>
    public abstract object Defaults { get; }

    /// <summary>Its parameters with their defaults and the source of each, as <c>nodesim params</c> lists them.</summary>
    public abstract IEnumerable<CatalogueEntry> CatalogueEntries();

    /// <summary>The roots of the model paths a scenario of this kind may set: <c>stack</c>, <c>soc</c>, <c>interconnect</c>, <c>profile</c>.</summary>
    public abstract IReadOnlyList<string> ModelRoots { get; }

    /// <summary>The work of one run: the point's <paramref name="settings"/> (bound onto <see cref="Defaults"/>) with the models <paramref name="point"/> builds.</summary>
    /// <exception cref="UserInputException">A value does not fit (raised through <see cref="IPointContext.Error"/>, at the line that wrote it).</exception>
    public abstract RunWork Resolve(object settings, IPointContext point);

    /// <summary>Runs the work: its metrics, in the order of <see cref="Metrics"/>, and its job rows, labelled as <paramref name="label"/>.</summary>
    public abstract (IReadOnlyList<Metric> Metrics, IReadOnlyList<JobRecord> Rows) Execute(RunWork work, RunContext context, JobRecord label);

    /// <summary>Every metric a run reports, in order: name (unit in its suffix), unit, description.</summary>
    public abstract IReadOnlyList<MetricInfo> Metrics { get; }

    /// <summary>The metric that plots of a scenario by stack show.</summary>
    public abstract Headline Headline { get; }

    /// <summary>The breakdown of the headline into parts that a stacked plot shows, if the kind has one.</summary>
    public virtual Ledger? Ledger => null;

    /// <summary>The metric that marks a run's result as no measurement to compare (an unstable queue's latencies), if the kind has one.</summary>
    public virtual ResultFlag? Flag => null;

    /// <summary>The key table of a scenario of this kind in <c>summary.md</c>.</summary>
    public abstract SummaryTable Summary { get; }

    /// <summary>True when a run's job rows are a workload's jobs (one per job), whose distributions plots draw; false when a run has one row (its window) or none.</summary>
    public virtual bool RowsAreJobs => false;

    /// <summary>What a run costs, in any unit shared by every kind: runs start costliest first so that workers finish together.</summary>
    public abstract double Cost(RunWork work);

    /// <summary>
    /// Refuses a kind that names a metric it does not declare — in its headline, ledger or summary table — or declares one
    /// twice: such a kind's summary would show dashes and its plots nothing. A kinds registry checks each kind it is given.
    /// </summary>
    /// <exception cref="InvalidOperationException">What is wrong, naming the kind and the metric.</exception>
    public void Check()
    {
        var declared = Metrics.Select(m => m.Name).ToList();
        if (declared.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new InvalidOperationException($"kind '{Name}' declares the metric '{twice.Key}' twice");
        IEnumerable<(string Where, string Metric)> named =
        [
            ("headline", Headline.Metric),
            .. (Ledger?.Parts ?? []).Select(p => ("ledger", p.Metric)),
            .. (Flag is { } flag ? new[] { ("flag", flag.Metric) } : []),
            .. Summary.Metrics.Select(m => ("summary table", m)),
        ];
        if (named.FirstOrDefault(n => !declared.Contains(n.Metric)) is { Metric: not null } missing)
            throw new InvalidOperationException($"kind '{Name}': its {missing.Where} names the metric '{missing.Metric}', which it does not declare");
    }
}

/// <summary>
/// A kind of scenario whose points bind onto settings of type <typeparamref name="TSettings"/>,
/// resolve into work of type <typeparamref name="TWork"/>, and execute into an outcome of type
/// <typeparamref name="TOutcome"/> from which its declared metrics are read.
/// </summary>
/// <param name="defaults">The kind's name and description, its settings with every default, their parameters and each default's source.</param>
public abstract class ScenarioKind<TSettings, TWork, TOutcome>(Preset<TSettings> defaults) : ScenarioKind
    where TSettings : class where TWork : RunWork
{
    public sealed override string Name => defaults.Name;
    public sealed override string Description => defaults.Description;
    public sealed override ParameterSet Parameters => defaults.Parameters;
    public sealed override object Defaults => defaults.Model;

    public sealed override IEnumerable<CatalogueEntry> CatalogueEntries() => CatalogueEntry.Of("scenario kind", [""], [defaults]);

    /// <summary>The metrics, each with how it is read off an outcome; <see cref="Metrics"/> and <see cref="Measure"/> follow from them.</summary>
    public abstract IReadOnlyList<MetricDefinition<TOutcome>> Definitions { get; }

    public sealed override IReadOnlyList<MetricInfo> Metrics => [.. Definitions.Select(d => d.Info)];

    /// <summary>The metrics of <paramref name="outcome"/>, in order.</summary>
    public IReadOnlyList<Metric> Measure(TOutcome outcome) => [.. Definitions.Select(d => new Metric(d.Info.Name, d.Value(outcome)))];

    public sealed override RunWork Resolve(object settings, IPointContext point) => Resolve((TSettings)settings, point);

    public sealed override (IReadOnlyList<Metric> Metrics, IReadOnlyList<JobRecord> Rows) Execute(RunWork work, RunContext context, JobRecord label)
    {
        var (outcome, rows) = Execute((TWork)work, context, label);
        return (Measure(outcome), rows);
    }

    public sealed override double Cost(RunWork work) => Cost((TWork)work);

    /// <inheritdoc cref="ScenarioKind.Resolve"/>
    protected abstract TWork Resolve(TSettings settings, IPointContext point);

    /// <summary>Runs the work: its outcome and its job rows, labelled as <paramref name="label"/>.</summary>
    protected abstract (TOutcome Outcome, IReadOnlyList<JobRecord> Rows) Execute(TWork work, RunContext context, JobRecord label);

    /// <inheritdoc cref="ScenarioKind.Cost"/>
    protected abstract double Cost(TWork work);
}
