namespace NodeSim.Models.Scheduling;

/// <summary>
/// Orders the waiting queue: the job with the lowest score goes first; equal scores go to the
/// earlier arrival. One small interface, so a policy is one class and a line in
/// <see cref="QueuePolicies"/>.
/// </summary>
public interface IQueuePolicy
{
    /// <summary>The name used on the command line and in scenario files.</summary>
    string Name { get; }

    /// <summary>One line for help texts.</summary>
    string Description { get; }

    /// <summary>True when scores change as jobs wait, so the queue must be re-scored at each decision.</summary>
    bool DependsOnTime { get; }

    /// <summary>The score of <paramref name="job"/> at <paramref name="nowNs"/>; lower goes first.</summary>
    double Score(BatchJob job, long nowNs);

    /// <summary>
    /// True when the score is the submit time, so that jobs arriving in submit order are already in
    /// policy order and the scheduler keeps no second, sorted index of the queue.
    /// </summary>
    bool OrdersByArrival => false;
}
