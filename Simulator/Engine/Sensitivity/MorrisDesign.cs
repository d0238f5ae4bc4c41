using NodeSim.Kernel;

namespace NodeSim.Engine.Sensitivity;

/// <summary>
/// Morris's elementary-effects design (Morris, Technometrics 1991): r trajectories of k + 1 points on
/// a grid of p levels in [0, 1]^k, each point differing from the one before in one parameter by the
/// jump Δ = p / (2(p − 1)). A trajectory starts from a base point drawn from the lower p/2 levels
/// (so every step stays inside the grid), moves the parameters in a random order, each up or down at
/// random. Cost: r(k + 1) evaluations.
/// </summary>
public sealed class MorrisDesign
{
    /// <summary>The points, trajectory by trajectory: point t·(k + 1) + m of trajectory t.</summary>
    public IReadOnlyList<double[]> Points { get; }

    /// <summary>Per trajectory, the parameter moved at each step (k of them).</summary>
    public IReadOnlyList<int[]> Moved { get; }

    public int Parameters { get; }
    public int Trajectories { get; }
    public int Levels { get; }

    /// <summary>The jump in [0, 1] units.</summary>
    public double Delta => Levels / (2.0 * (Levels - 1));

    public MorrisDesign(int parameters, int trajectories, ulong seed, int levels = 4)
    {
        if (parameters < 1) throw new ArgumentOutOfRangeException(nameof(parameters), parameters, "a design varies at least one parameter");
        if (trajectories < 2) throw new ArgumentOutOfRangeException(nameof(trajectories), trajectories, "σ needs at least two trajectories");
        if (levels < 2 || levels % 2 != 0) throw new ArgumentOutOfRangeException(nameof(levels), levels, "Morris's grid takes an even number of levels, at least 2");
        Parameters = parameters;
        Trajectories = trajectories;
        Levels = levels;
        var random = new RandomStream(seed);
        var points = new List<double[]>();
        var moved = new List<int[]>();
        for (var t = 0; t < trajectories; t++)
        {
            var base_ = new double[parameters];
            var up = new bool[parameters];
            for (var i = 0; i < parameters; i++)
            {
                base_[i] = random.Next(levels / 2) / (double)(levels - 1);
                up[i] = random.NextDouble() < 0.5;
            }
            var order = Enumerable.Range(0, parameters).ToArray();
            random.Shuffle(order);
            // A parameter moving down starts a jump above its base and ends on it; one moving up starts on it.
            var point = base_.Select((b, i) => up[i] ? b : b + Delta).ToArray();
            points.Add([.. point]);
            foreach (var i in order)
            {
                point[i] = up[i] ? base_[i] + Delta : base_[i];
                points.Add([.. point]);
            }
            moved.Add(order);
        }
        Points = points;
        Moved = moved;
    }
}
