namespace NodeSim.Models.Scheduling;

/// <summary>
/// How the scheduler chooses what starts now: the head of the queue and, when the head does not
/// fit, which other jobs may jump ahead of it. One class per variant, listed in <see cref="Backfills"/>.
/// </summary>
public interface IBackfill
{
    string Name { get; }
    string Description { get; }

    /// <summary>Starts the jobs that start at <paramref name="nowNs"/> (through <see cref="BatchScheduler.Start"/>).</summary>
    void Decide(BatchScheduler scheduler, long nowNs, List<BatchJob> started);
}

/// <summary>The built-in backfilling variants.</summary>
public static class Backfills
{
    /// <summary>Every variant a scenario or <c>--backfill</c> can name; to add one, implement <see cref="IBackfill"/> and register it here.</summary>
    public static Registry<IBackfill> Registry { get; } = new Registry<IBackfill>("backfilling", b => b.Name)
        .Add(new NoBackfill()).Add(new GreedyBackfill()).Add(new EasyBackfill());

    public static IReadOnlyList<IBackfill> All => Registry.All;

    public static IBackfill? Find(string name) => Registry.Find(name);
}
