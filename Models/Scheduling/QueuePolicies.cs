namespace NodeSim.Models.Scheduling;

/// <summary>
/// The built-in queue policies, in their textbook definitions. s = submit time, e = estimated run
/// time (s), n = processors, w = time waited so far (s).
/// </summary>
public static class QueuePolicies
{
    /// <summary>First come, first served: by submit time.</summary>
    public sealed class Fcfs : IQueuePolicy
    {
        public string Name => "fcfs";
        public string Description => "first come, first served (by submit time)";
        public bool DependsOnTime => false;
        public bool OrdersByArrival => true;
        public double Score(BatchJob job, long nowNs) => job.SubmitNs;
    }

    /// <summary>Shortest job first: by estimate, then submit time.</summary>
    public sealed class Sjf : IQueuePolicy
    {
        public string Name => "sjf";
        public string Description => "shortest (estimated) job first, then by submit time";
        public bool DependsOnTime => false;
        // Equal estimates fall back to the earlier arrival, which is the earlier submit time.
        public double Score(BatchJob job, long nowNs) => job.EstimateNs;
    }

    /// <summary>
    /// F1 of Carastan-Santos and de Camargo (SC'17), the best of their learned functions:
    /// log10(e)·n + 870·log10(s), with e and s taken as 0.1 when not positive.
    /// </summary>
    public sealed class F1 : IQueuePolicy
    {
        public string Name => "f1";
        public string Description => "F1 (Carastan-Santos & de Camargo, SC'17): log10(e)·n + 870·log10(s)";
        public bool DependsOnTime => false;

        public double Score(BatchJob job, long nowNs)
        {
            var e = job.EstimateSeconds;
            var s = job.SubmitSeconds;
            return Math.Log10(e > 0 ? e : 0.1) * job.Processors + 870 * Math.Log10(s > 0 ? s : 0.1);
        }
    }

    /// <summary>WFP3 (Tang et al., IPDPS'09): favours jobs that waited long relative to their estimate, (w/e)³·n, highest first.</summary>
    public sealed class Wfp3 : IQueuePolicy
    {
        public string Name => "wfp3";
        public string Description => "WFP3 (Tang et al. 2009): (w/e)^3 · n, highest first";
        public bool DependsOnTime => true;

        public double Score(BatchJob job, long nowNs)
        {
            var w = (nowNs - job.SubmitNs) / 1e9;
            var e = Math.Max(job.EstimateSeconds, 1.0); // a zero estimate would make every wait infinite
            return -Math.Pow(w / e, 3) * job.Processors;
        }
    }

    /// <summary>UNICEP (Tang et al., IPDPS'09): w / (log2(n)·e), highest first; n = 1 counts as 2 to keep the score finite.</summary>
    public sealed class Unicep : IQueuePolicy
    {
        public string Name => "unicep";
        public string Description => "UNICEP (Tang et al. 2009): w / (log2(n) · e), highest first";
        public bool DependsOnTime => true;

        public double Score(BatchJob job, long nowNs)
        {
            var w = (nowNs - job.SubmitNs) / 1e9;
            var e = Math.Max(job.EstimateSeconds, 1.0);
            return -w / (Math.Log2(Math.Max(job.Processors, 2)) * e);
        }
    }
}
