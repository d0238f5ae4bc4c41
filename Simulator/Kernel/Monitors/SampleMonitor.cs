using MathNet.Numerics.Statistics;

namespace NodeSim.Kernel;

/// <summary>
/// Statistics of individual observations, such as waiting times: count, mean, variance,
/// minimum, maximum and percentiles.
/// </summary>
/// <remarks>
/// Moments come from MathNet's <see cref="RunningStatistics"/> (numerically stable, one pass).
/// Percentiles need the samples, which are kept unless <c>keepSamples</c> is false; they use the
/// linear interpolation of NumPy's and R's default (Hyndman–Fan definition 7) so numbers match
/// what a reader recomputes in pandas.
/// </remarks>
public sealed class SampleMonitor : IStatistic
{
    private RunningStatistics _stats = new();
    private readonly List<double>? _samples;
    private double[]? _sorted;

    public SampleMonitor(string name, string unit, string description, bool keepSamples = true)
    {
        Name = name;
        Unit = unit;
        Description = description;
        if (keepSamples) _samples = new List<double>();
    }

    public string Name { get; }
    public string Unit { get; }
    public string Description { get; }

    public long Count => _stats.Count;
    public double Mean => _stats.Count == 0 ? double.NaN : _stats.Mean;

    /// <summary>Sample variance (n − 1 denominator).</summary>
    public double Variance => _stats.Variance;
    public double StandardDeviation => _stats.StandardDeviation;
    public double Min => _stats.Minimum;
    public double Max => _stats.Maximum;
    public double Sum => _stats.Mean * _stats.Count;

    public void Add(double value)
    {
        _stats.Push(value);
        if (_samples is not null)
        {
            _samples.Add(value);
            _sorted = null;
        }
    }

    /// <summary>Forgets every observation (e.g. after a warm-up period).</summary>
    public void Reset()
    {
        _stats = new RunningStatistics();
        _samples?.Clear();
        _sorted = null;
    }

    /// <summary>The <paramref name="p"/>-th percentile, p in [0, 100].</summary>
    public double Percentile(double p)
    {
        if (_samples is null) throw new InvalidOperationException($"monitor '{Name}' does not keep samples, so it has no percentiles");
        if (p is < 0 or > 100 || double.IsNaN(p)) throw new ArgumentOutOfRangeException(nameof(p), p, "a percentile lies in [0, 100]");
        if (_samples.Count == 0) return double.NaN;
        if (_sorted is null)
        {
            _sorted = _samples.ToArray();
            Array.Sort(_sorted);
        }
        return SortedArrayStatistics.QuantileCustom(_sorted, p / 100, QuantileDefinition.R7);
    }

    public IReadOnlyList<StatisticValue> Report()
    {
        var values = new List<StatisticValue>
        {
            new($"{Name}.count", Count, "samples", $"number of observations of {Description}"),
            new($"{Name}.mean", Mean, Unit, $"mean of {Description}"),
            new($"{Name}.stddev", StandardDeviation, Unit, $"sample standard deviation of {Description}"),
            new($"{Name}.min", Min, Unit, $"minimum of {Description}"),
            new($"{Name}.max", Max, Unit, $"maximum of {Description}"),
        };
        if (_samples is not null)
        {
            values.Add(new($"{Name}.p50", Percentile(50), Unit, $"median of {Description}"));
            values.Add(new($"{Name}.p99", Percentile(99), Unit, $"99th percentile of {Description}"));
        }
        return values;
    }
}
