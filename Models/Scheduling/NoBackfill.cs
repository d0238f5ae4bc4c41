namespace NodeSim.Models.Scheduling;

/// <summary>
/// No backfilling: the policy's first job becomes the head and keeps that place until it fits and
/// starts; nothing else starts meanwhile. (As in the RLScheduler artifact: a better job arriving
/// later does not displace a head that is already waiting.)
/// </summary>
public sealed class NoBackfill : IBackfill
{
    public string Name => "none";
    public string Description => "no backfilling: the head waits until it fits, nothing overtakes it";

    public void Decide(BatchScheduler scheduler, long nowNs, List<BatchJob> started)
    {
        while ((scheduler.PinnedHead ??= scheduler.Best(nowNs)) is { } head)
        {
            if (!scheduler.Fits(head)) return;
            scheduler.Start(head, nowNs, started);
            scheduler.PinnedHead = null;
        }
    }
}
