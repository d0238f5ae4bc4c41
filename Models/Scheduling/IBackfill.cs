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
    public static IReadOnlyList<IBackfill> All { get; } = [new NoBackfill(), new GreedyBackfill(), new EasyBackfill()];

    public static IBackfill? Find(string name) =>
        All.FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase));
}
