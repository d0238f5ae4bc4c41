using MathNet.Numerics.Distributions;
using NodeSim.Kernel;

namespace NodeSim.Validation;

/// <summary>An M/M/c+M queue to simulate: customers give up waiting when their patience runs out.</summary>
/// <param name="ArrivalRate">λ, customers per second.</param>
/// <param name="ServiceRate">μ of each server's exponential service.</param>
/// <param name="PatienceRate">θ: each customer's patience is exponential with mean 1/θ.</param>
/// <param name="Servers">c.</param>
/// <param name="Customers">Arrivals in one run.</param>
/// <param name="WarmupCustomers">The first arrivals, not measured (the queue starts empty).</param>
public sealed record ImpatientQueueSpec(double ArrivalRate, double ServiceRate, double PatienceRate, int Servers, long Customers, long WarmupCustomers);

/// <summary>Outcome of one run of an <see cref="ImpatientQueueSpec"/>, over the customers after warm-up.</summary>
/// <param name="AbandonedFraction">Fraction of arrivals who left unserved.</param>
/// <param name="MeanWait">Mean time from arrival to service or to leaving, seconds.</param>
public sealed record ImpatientQueueResult(double AbandonedFraction, double MeanWait);

/// <summary>
/// Customers that wait for the first of their server request and their patience
/// (<c>request | timeout</c>) and leave, withdrawing the request, when patience comes first: the
/// kernel's conditions and request withdrawal, checked against Erlang-A.
/// </summary>
public static class ImpatientQueue
{
    public static ImpatientQueueResult Run(ImpatientQueueSpec spec, ulong seed)
    {
        var sim = new Simulation(seed);
        var servers = new Resource(sim, spec.Servers, "server");
        var arrivals = sim.Random("arrivals");
        var patience = sim.Random("patience");
        var service = sim.Random("service");
        long measured = 0, abandoned = 0;
        double waitSum = 0;

        IEnumerable<Event> Customer(long index)
        {
            var arrival = sim.NowNanoseconds;
            using var request = servers.Request();
            var givingUp = sim.Timeout(SimTime.FromSeconds(Exponential.Sample(patience, spec.PatienceRate)));
            var first = request | givingUp;
            yield return first;
            var served = first.Values.ContainsKey(request);
            if (index >= spec.WarmupCustomers)
            {
                measured++;
                waitSum += (sim.NowNanoseconds - arrival) / 1e9;
                if (!served) abandoned++;
            }
            if (served) yield return sim.Hold(SimTime.FromSeconds(Exponential.Sample(service, spec.ServiceRate)));
        }

        IEnumerable<Event> Source()
        {
            for (long i = 0; i < spec.Customers; i++)
            {
                yield return sim.Hold(SimTime.FromSeconds(Exponential.Sample(arrivals, spec.ArrivalRate)));
                sim.Process(Customer(i), "customer");
            }
        }

        sim.Process(Source(), "source");
        sim.Run();
        return new ImpatientQueueResult((double)abandoned / measured, waitSum / measured);
    }
}
