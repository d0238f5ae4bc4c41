namespace NodeSim.Kernel;

/// <summary>A number a model or monitor produces, with its name, unit and meaning.</summary>
/// <param name="Name">Dotted, lower-case name, e.g. <c>server.queue_length.mean</c>.</param>
/// <param name="Value">The value in <paramref name="Unit"/>.</param>
/// <param name="Unit">SI-style unit or a count noun, e.g. <c>s</c>, <c>customers</c>, <c>1</c> for a ratio.</param>
/// <param name="Description">One sentence a reader of a results file understands.</param>
public sealed record StatisticValue(string Name, double Value, string Unit, string Description);

/// <summary>Something that reports named statistics.</summary>
public interface IStatistic
{
    string Name { get; }
    string Unit { get; }
    string Description { get; }

    /// <summary>The statistics as of now, each with its name, unit and description.</summary>
    IReadOnlyList<StatisticValue> Report();
}
