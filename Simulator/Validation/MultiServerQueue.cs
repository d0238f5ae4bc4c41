using MathNet.Numerics.Distributions;
using NodeSim.Kernel;

namespace NodeSim.Validation;

/// <summary>An M/G/c queue to simulate: Poisson arrivals, <see cref="Servers"/> FIFO servers.</summary>
/// <param name="ArrivalRate">λ, customers per second.</param>
/// <param name="Service">The service-time distribution.</param>
/// <param name="Servers">c.</param>
/// <param name="Customers">Customers that arrive in one run.</param>
/// <param name="WarmupCustomers">The first customers, whose waits are discarded (the queue starts empty).</param>
public sealed record MultiServerQueueSpec(double ArrivalRate, ServiceTime Service, int Servers, long Customers, long WarmupCustomers)
{
    public double Utilization => ArrivalRate * Service.Mean / Servers;
}

/// <summary>Outcome of one run of a <see cref="MultiServerQueueSpec"/>.</summary>
/// <param name="MeanWait">Mean wait in queue of the customers after warm-up, seconds.</param>
/// <param name="MeanQueueLength">Time-weighted mean number waiting after warm-up (NaN when not monitored).</param>
/// <param name="MeanBusyServers">Time-weighted mean of busy servers after warm-up (NaN when not monitored).</param>
/// <param name="EndTime">Simulated time at the last departure.</param>
public sealed record MultiServerQueueResult(double MeanWait, double MeanQueueLength, double MeanBusyServers, SimTime EndTime);

/// <summary>
/// The same M/G/c model written on the kernel's two paths: processes with a <see cref="Resource"/>,
/// and allocation-free callbacks. With the same seed both draw the same numbers in the same order
/// (arrivals from stream <c>arrivals</c>, service times from <c>service</c> when service starts),
/// so they produce identical results.
/// </summary>
public static class MultiServerQueue
{
    /// <summary>Customers are processes that request a server, hold it for their service time and release it.</summary>
    public static MultiServerQueueResult RunWithProcesses(MultiServerQueueSpec spec, ulong seed, bool monitor = false)
    {
        var sim = new Simulation(seed);
        var server = new Resource(sim, spec.Servers, "server");
        var arrivals = sim.Random("arrivals");
        var service = sim.Random("service");
        var waits = new WaitAccumulator(spec.WarmupCustomers);
        if (monitor)
        {
            server.QueueLengthMonitor = new TimeWeightedMonitor(sim, "server.queue_length", "customers", "customers waiting for a server");
            server.InUseMonitor = new TimeWeightedMonitor(sim, "server.busy", "servers", "busy servers");
        }

        IEnumerable<Event> Customer(long index)
        {
            var arrival = sim.NowNanoseconds;
            using var request = server.Request();
            yield return request;
            waits.Add(index, sim.NowNanoseconds - arrival);
            yield return sim.Hold(spec.Service.Sample(service));
        }

        IEnumerable<Event> Source()
        {
            for (long i = 0; i < spec.Customers; i++)
            {
                yield return sim.Hold(SimTime.FromSeconds(Exponential.Sample(arrivals, spec.ArrivalRate)));
                if (i == spec.WarmupCustomers)
                {
                    server.QueueLengthMonitor?.Reset();
                    server.InUseMonitor?.Reset();
                }
                sim.Process(Customer(i), "customer");
            }
        }

        sim.Process(Source(), "source");
        sim.Run();
        return new MultiServerQueueResult(waits.Mean,
            server.QueueLengthMonitor?.Mean ?? double.NaN, server.InUseMonitor?.Mean ?? double.NaN, sim.Now);
    }

    /// <summary>The same model as two callbacks (arrival, departure) and a FIFO of arrival times.</summary>
    public static MultiServerQueueResult RunWithCallbacks(MultiServerQueueSpec spec, ulong seed, bool monitor = false)
    {
        var model = new CallbackModel(spec, seed, monitor);
        model.Simulation.Run();
        return new MultiServerQueueResult(model.Waits.Mean,
            model.QueueLength?.Mean ?? double.NaN, model.Busy?.Mean ?? double.NaN, model.Simulation.Now);
    }

    private sealed class CallbackModel
    {
        private readonly MultiServerQueueSpec _spec;
        private readonly long _customers;
        private readonly long _warmup;
        private readonly int _servers;
        private readonly double _arrivalRate;
        private readonly RandomStream _arrivals;
        private readonly RandomStream _service;
        private readonly Queue<(long Index, long Arrival)> _waiting = new();
        private readonly Action<long> _onArrival;
        private readonly Action<long> _onDeparture;
        private int _busy;

        public CallbackModel(MultiServerQueueSpec spec, ulong seed, bool monitor)
        {
            _spec = spec;
            (_customers, _warmup, _servers, _arrivalRate) = (spec.Customers, spec.WarmupCustomers, spec.Servers, spec.ArrivalRate);
            Simulation = new Simulation(seed);
            _arrivals = Simulation.Random("arrivals");
            _service = Simulation.Random("service");
            Waits = new WaitAccumulator(spec.WarmupCustomers);
            if (monitor)
            {
                QueueLength = new TimeWeightedMonitor(Simulation, "server.queue_length", "customers", "customers waiting for a server");
                Busy = new TimeWeightedMonitor(Simulation, "server.busy", "servers", "busy servers");
            }
            _onArrival = Arrive;
            _onDeparture = Depart;
            if (spec.Customers > 0) ScheduleArrival(0);
        }

        public Simulation Simulation { get; }
        public WaitAccumulator Waits { get; }
        public TimeWeightedMonitor? QueueLength { get; }
        public TimeWeightedMonitor? Busy { get; }

        private void ScheduleArrival(long index) =>
            Simulation.Schedule(SimTime.FromSeconds(Exponential.Sample(_arrivals, _arrivalRate)), _onArrival, index);

        // The arg of an arrival is the customer's index; of a departure, unused.
        private void Arrive(long index)
        {
            if (index + 1 < _customers) ScheduleArrival(index + 1);
            if (index == _warmup)
            {
                QueueLength?.Reset();
                Busy?.Reset();
            }
            var now = Simulation.NowNanoseconds;
            if (_busy < _servers)
            {
                _busy++;
                Busy?.Update(_busy);
                StartService(index, now);
            }
            else
            {
                _waiting.Enqueue((index, now));
                QueueLength?.Update(_waiting.Count);
            }
        }

        private void Depart(long unused)
        {
            if (_waiting.TryDequeue(out var next))
            {
                QueueLength?.Update(_waiting.Count);
                StartService(next.Index, next.Arrival);
            }
            else
            {
                _busy--;
                Busy?.Update(_busy);
            }
        }

        private void StartService(long index, long arrival)
        {
            Waits.Add(index, Simulation.NowNanoseconds - arrival);
            Simulation.Schedule(_spec.Service.Sample(_service), _onDeparture);
        }
    }
}

/// <summary>Sums waits (in nanoseconds) of customers past the warm-up.</summary>
internal sealed class WaitAccumulator(long warmup)
{
    private long _count;
    private double _sumSeconds;

    public void Add(long customer, long waitNanoseconds)
    {
        if (customer < warmup) return;
        _count++;
        _sumSeconds += waitNanoseconds / 1e9;
    }

    public double Mean => _count == 0 ? double.NaN : _sumSeconds / _count;
}
