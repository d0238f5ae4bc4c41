using MathNet.Numerics.Distributions;
using NodeSim.Kernel;

namespace NodeSim.Validation;

/// <summary>
/// A single server shared by priority classes with preemptive-resume service: a customer of a
/// better class takes the server at once; the preempted customer later resumes its remaining work.
/// Built on <see cref="PreemptiveResource"/> and process interrupts.
/// </summary>
/// <param name="ArrivalRates">λ per class, class 0 highest.</param>
/// <param name="ServiceRate">μ, the same exponential service for every class.</param>
/// <param name="CustomersPerClass">Arrivals of each class in a run.</param>
/// <param name="WarmupFraction">Fraction of each class's first customers not measured.</param>
public sealed record PreemptivePriorityQueueSpec(double[] ArrivalRates, double ServiceRate, long CustomersPerClass, double WarmupFraction = 0.1);

public static class PreemptivePriorityQueue
{
    /// <summary>Mean response time (arrival to departure) of each class, in seconds.</summary>
    public static double[] Run(PreemptivePriorityQueueSpec spec, ulong seed)
    {
        var sim = new Simulation(seed);
        var server = new PreemptiveResource(sim, 1, "server");
        var classes = spec.ArrivalRates.Length;
        var sums = new double[classes];
        var counts = new long[classes];
        var warmup = (long)(spec.CustomersPerClass * spec.WarmupFraction);

        IEnumerable<Event> Customer(int cls, long index, SimTime work)
        {
            var arrival = sim.Now;
            var me = sim.ActiveProcess!;
            var remaining = work;
            while (remaining > SimTime.Zero)
            {
                var request = server.Request(cls, preempt: true);
                yield return request;
                if (me.TryHandleInterrupt(out _)) continue; // preempted between grant and resumption
                var start = sim.Now;
                yield return sim.Timeout(remaining);
                if (me.TryHandleInterrupt(out _))
                {
                    remaining -= sim.Now - start; // preempted: resume the rest later
                    continue;
                }
                remaining = SimTime.Zero;
                server.Release(request);
            }
            if (index >= warmup)
            {
                sums[cls] += (sim.Now - arrival).Seconds;
                counts[cls]++;
            }
        }

        IEnumerable<Event> Source(int cls)
        {
            var arrivals = sim.Random("arrivals", cls);
            var service = sim.Random("service", cls);
            for (long i = 0; i < spec.CustomersPerClass; i++)
            {
                yield return sim.Timeout(SimTime.FromSeconds(Exponential.Sample(arrivals, spec.ArrivalRates[cls])));
                sim.Process(Customer(cls, i, SimTime.FromSeconds(Exponential.Sample(service, spec.ServiceRate))), "customer");
            }
        }

        for (var c = 0; c < classes; c++) sim.Process(Source(c), $"source-{c}");
        sim.Run();
        return sums.Select((s, c) => s / counts[c]).ToArray();
    }
}
