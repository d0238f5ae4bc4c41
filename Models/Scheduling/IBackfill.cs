namespace NodeSim.Models.Scheduling;

/// <summary>
/// How the scheduler chooses what starts now: the head of the queue and, when the head does not
/// fit, which other jobs may jump ahead of it. One class per variant, registered in <see cref="Registries.ModelCatalogue.BuiltIn"/>.
/// </summary>
public interface IBackfill
{
    string Name { get; }
    string Description { get; }

    /// <summary>Starts the jobs that start at <paramref name="nowNs"/> (through <see cref="BatchScheduler.Start"/>).</summary>
    void Decide(BatchScheduler scheduler, long nowNs, List<BatchJob> started);
}
