namespace NodeSim.Models.Scheduling;

/// <summary>
/// EASY backfilling (Lifka 1995; Mu'alem and Feitelson, IEEE TPDS 2001): at every decision, jobs
/// start in policy order while they fit. The first that does not fit gets a reservation at its
/// shadow time; a later job may start now if it fits and either ends by the shadow time
/// (now + estimate ≤ shadow) or uses only nodes the reservation leaves free (the extra nodes).
/// With estimates that are not too short, no backfilled job delays the reservation.
/// </summary>
public sealed class EasyBackfill : IBackfill
{
    public string Name => "easy";
    public string Description => "EASY: reservation for the head; others start if they end before it or use only spare nodes";

    public void Decide(BatchScheduler scheduler, long nowNs, List<BatchJob> started)
    {
        BatchJob? head;
        while ((head = scheduler.Best(nowNs)) is not null && scheduler.Fits(head))
            scheduler.Start(head, nowNs, started);
        if (head is null || scheduler.FreeNodes < scheduler.MinWaitingNodes) return;

        var (shadow, extra) = scheduler.Reservation(head, nowNs);
        // Choose first (the queue cannot change while it is enumerated), then start.
        var free = scheduler.FreeNodes;
        var chosen = new List<BatchJob>();
        foreach (var job in scheduler.ByPriority(nowNs))
        {
            if (free == 0) break;
            if (ReferenceEquals(job, head) || job.Nodes > free) continue;
            if (nowNs + job.EstimateNs <= shadow)
            {
                chosen.Add(job);
                free -= job.Nodes;
            }
            else if (job.Nodes <= extra)
            {
                chosen.Add(job);
                free -= job.Nodes;
                extra -= job.Nodes;
            }
        }
        foreach (var job in chosen) scheduler.Start(job, nowNs, started);
    }
}
