namespace NodeSim.Models.Scheduling;

/// <summary>
/// Greedy backfilling exactly as the RLScheduler artifact (Zhang et al., SC'20) does it: the head
/// keeps its place until it starts; when it does not fit, its shadow time is computed once
/// (<see cref="BatchScheduler.Reservation"/>) and, at every event until the head fits, every
/// waiting job in submit order that fits now and would end strictly before the shadow
/// (now + estimate &lt; shadow) starts. No "extra nodes" rule; the shadow is not recomputed.
/// </summary>
public sealed class GreedyBackfill : IBackfill
{
    public string Name => "greedy";
    public string Description => "greedy backfilling of the RLScheduler artifact: fixed shadow, jobs that end strictly before it";

    public void Decide(BatchScheduler scheduler, long nowNs, List<BatchJob> started)
    {
        while ((scheduler.PinnedHead ??= scheduler.Best(nowNs)) is { } head)
        {
            if (scheduler.Fits(head))
            {
                scheduler.Start(head, nowNs, started);
                scheduler.PinnedHead = null;
                scheduler.PinnedShadowNs = -1;
                continue;
            }
            if (scheduler.PinnedShadowNs < 0) scheduler.PinnedShadowNs = scheduler.Reservation(head, nowNs).ShadowNs;
            var shadow = scheduler.PinnedShadowNs;
            if (scheduler.FreeNodes < scheduler.MinWaitingNodes) return; // nothing waiting can fit
            for (var node = scheduler.FirstByArrival; node is not null && scheduler.FreeNodes > 0;)
            {
                var job = node.Value;
                node = node.Next; // before Start unlinks the job
                if (!ReferenceEquals(job, head) && nowNs + job.EstimateNs < shadow && scheduler.Fits(job))
                    scheduler.Start(job, nowNs, started);
            }
            return;
        }
    }
}
