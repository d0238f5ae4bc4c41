using NodeSim.Kernel;

namespace NodeSim.Engine.Sensitivity;

/// <summary>A parameter's Sobol indices with 95 % half-widths from resampling the base rows.</summary>
public sealed record SobolIndex(double First, double FirstHalfWidth, double Total, double TotalHalfWidth);

/// <summary>
/// Saltelli's design for Sobol indices: matrices A and B of N points each in [0, 1]^k, and for each
/// parameter i the matrix AB_i, A with column i taken from B — N(k + 2) evaluations (Saltelli et al.,
/// CPC 2010). First-order indices by Saltelli 2010's estimator, S_i = mean(f_B (f_ABi − f_A)) / V;
/// total indices by Jansen's (1999), S_Ti = mean((f_A − f_ABi)²) / (2V); V the variance of f over A
/// and B. Outputs are centred first, as SALib does, so an offset adds no noise.
/// </summary>
public sealed class SaltelliDesign
{
    public int Parameters { get; }
    public int BaseSamples { get; }

    /// <summary>The points in order: A's N rows, B's N rows, then AB_1's … AB_k's N rows each.</summary>
    public IReadOnlyList<double[]> Points { get; }

    public SaltelliDesign(int parameters, int baseSamples, ulong seed)
    {
        if (parameters < 1) throw new ArgumentOutOfRangeException(nameof(parameters), parameters, "a design varies at least one parameter");
        if (baseSamples < 2) throw new ArgumentOutOfRangeException(nameof(baseSamples), baseSamples, "Sobol indices need at least two base samples");
        Parameters = parameters;
        BaseSamples = baseSamples;
        var random = new RandomStream(seed);
        double[] Row() => [.. Enumerable.Range(0, parameters).Select(_ => random.NextDouble())];
        var a = Enumerable.Range(0, baseSamples).Select(_ => Row()).ToList();
        var b = Enumerable.Range(0, baseSamples).Select(_ => Row()).ToList();
        var points = new List<double[]>(baseSamples * (parameters + 2));
        points.AddRange(a);
        points.AddRange(b);
        for (var i = 0; i < parameters; i++)
            for (var n = 0; n < baseSamples; n++)
            {
                var row = (double[])a[n].Clone();
                row[i] = b[n][i];
                points.Add(row);
            }
        Points = points;
    }

    /// <summary>Each parameter's indices from the outputs at <see cref="Points"/>, in order.</summary>
    public IReadOnlyList<SobolIndex> Analyze(IReadOnlyList<double> outputs, ulong seed, int resamples = 200)
    {
        var n = BaseSamples;
        if (outputs.Count != Points.Count) throw new ArgumentException($"{Points.Count} outputs expected, got {outputs.Count}", nameof(outputs));
        var mean = outputs.Take(2 * n).Average();
        double F(int index) => outputs[index] - mean;
        var random = new RandomStream(seed);
        var rows = Enumerable.Range(0, n).ToArray();
        var draws = Enumerable.Range(0, resamples).Select(_ => Enumerable.Range(0, n).Select(_ => random.Next(n)).ToArray()).ToList();
        var result = new List<SobolIndex>();
        for (var i = 0; i < Parameters; i++)
        {
            var ab = (2 + i) * n;
            (double First, double Total) Estimate(int[] sample)
            {
                double first = 0, total = 0, sum = 0, squares = 0;
                foreach (var j in sample)
                {
                    double fa = F(j), fb = F(n + j), fab = F(ab + j);
                    first += fb * (fab - fa);
                    total += (fa - fab) * (fa - fab);
                    sum += fa + fb;
                    squares += fa * fa + fb * fb;
                }
                var count = sample.Length;
                var variance = squares / (2 * count) - Math.Pow(sum / (2 * count), 2);
                return variance > 0 ? (first / count / variance, total / count / (2 * variance)) : (0, 0);
            }
            var (s1, st) = Estimate(rows);
            var boots = draws.Select(Estimate).ToList();
            double HalfWidth(Func<(double First, double Total), double> pick)
            {
                var values = boots.Select(pick).ToList();
                var m = values.Average();
                return 1.96 * Math.Sqrt(values.Sum(v => (v - m) * (v - m)) / Math.Max(1, values.Count - 1));
            }
            result.Add(new SobolIndex(s1, HalfWidth(b => b.First), st, HalfWidth(b => b.Total)));
        }
        return result;
    }
}
