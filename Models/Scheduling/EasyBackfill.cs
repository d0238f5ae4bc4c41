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
        if (scheduler.ArrivalIndex is { } index)
        {
            // In arrival order the head is the first waiting job, and the next job the scan below would take is the first after the last
            // one taken that qualifies now (free and extra only shrink): the index finds it without walking the jobs in between.
            var from = (int)head.ArrivalSequence + 1;
            while (free > 0 && index.First(from, free, extra, shadow - nowNs) is { } job)
            {
                if (nowNs + job.EstimateNs > shadow) extra -= job.Nodes;
                chosen.Add(job);
                free -= job.Nodes;
                from = (int)job.ArrivalSequence + 1;
            }
        }
        else
        {
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
        }
        foreach (var job in chosen) scheduler.Start(job, nowNs, started);
    }
}
