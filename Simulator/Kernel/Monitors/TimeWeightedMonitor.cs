namespace NodeSim.Kernel;

/// <summary>
/// Time-weighted statistics of a level that changes at discrete times: queue length, busy
/// servers, items in a store. Mean, minimum, maximum, and the time spent at each level.
/// </summary>
/// <remarks>Call <see cref="Update"/> whenever the level changes; the level holds until the next update.</remarks>
public sealed class TimeWeightedMonitor : IStatistic
{
    private readonly Simulation _simulation;
    private readonly Dictionary<double, long> _timeAtLevel = new();
    private double _level;
    private long _since;
    private long _start;
    private double _integral;

    public TimeWeightedMonitor(Simulation simulation, string name, string unit, string description, double initialLevel = 0)
    {
        _simulation = simulation ?? throw new ArgumentNullException(nameof(simulation));
        Name = name;
        Unit = unit;
        Description = description;
        _level = initialLevel;
        Min = Max = initialLevel;
        _since = _start = simulation.NowNanoseconds;
    }

    public string Name { get; }
    public string Unit { get; }
    public string Description { get; }

    /// <summary>The level now.</summary>
    public double Current => _level;

    public double Min { get; private set; }
    public double Max { get; private set; }

    /// <summary>The length of the observation (from creation or the last <see cref="Reset"/> to now).</summary>
    public SimTime Duration => new(_simulation.NowNanoseconds - _start);

    /// <summary>The time-weighted mean level from the start of observation to now (the current level if no time has passed).</summary>
    public double Mean
    {
        get
        {
            var now = _simulation.NowNanoseconds;
            var span = now - _start;
            return span == 0 ? _level : (_integral + _level * (now - _since)) / span;
        }
    }

    /// <summary>Records that the level is <paramref name="level"/> from now on.</summary>
    public void Update(double level)
    {
        var now = _simulation.NowNanoseconds;
        var held = now - _since;
        if (held > 0)
        {
            _integral += _level * held;
            _timeAtLevel[_level] = _timeAtLevel.GetValueOrDefault(_level) + held;
        }
        _since = now;
        _level = level;
        if (level > Max) Max = level;
        if (level < Min) Min = level;
    }

    /// <summary>Forgets the past (e.g. a warm-up period): observation restarts now at the current level.</summary>
    public void Reset()
    {
        _timeAtLevel.Clear();
        _integral = 0;
        _since = _start = _simulation.NowNanoseconds;
        Min = Max = _level;
    }

    /// <summary>How long the level has been at each value, up to now, in increasing order of level.</summary>
    public IReadOnlyList<(double Level, SimTime Time)> TimeAtLevels()
    {
        var now = _simulation.NowNanoseconds;
        var result = new SortedDictionary<double, long>(_timeAtLevel);
        if (now > _since) result[_level] = result.GetValueOrDefault(_level) + (now - _since);
        return result.Select(kv => (kv.Key, new SimTime(kv.Value))).ToList();
    }

    /// <summary>How long the level has been exactly <paramref name="level"/>, up to now.</summary>
    public SimTime TimeAt(double level) =>
        TimeAtLevels().Where(x => x.Level == level).Select(x => x.Time).FirstOrDefault();

    public IReadOnlyList<StatisticValue> Report() =>
    [
        new($"{Name}.mean", Mean, Unit, $"time-weighted mean of {Description}"),
        new($"{Name}.min", Min, Unit, $"minimum of {Description}"),
        new($"{Name}.max", Max, Unit, $"maximum of {Description}"),
        new($"{Name}.duration", Duration.Seconds, "s", $"observation time of {Description}"),
    ];
}
