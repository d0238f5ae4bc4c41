using NodeSim.Kernel;

namespace NodeSim.Tests.Kernel;

/// <summary>A queue discipline written outside the kernel: last come, first served.</summary>
public sealed class LifoResource(Simulation simulation, int capacity = 1) : Resource(simulation, capacity)
{
    private readonly Stack<Request> _line = new();

    protected override void Enqueue(Request request) => _line.Push(request);
    protected override bool TryDequeue(out Request request) => _line.TryPop(out request!);
    protected override void ClearLine() => _line.Clear();
}

public class CustomDisciplineTests
{
    private static IEnumerable<Event> Customer(Simulation sim, Resource server, string name, double arrive, double service, List<string> log, double patience = double.PositiveInfinity)
    {
        yield return sim.Timeout(SimTime.FromSeconds(arrive));
        using var request = server.Request();
        if (double.IsFinite(patience))
        {
            yield return request | sim.Timeout(SimTime.FromSeconds(patience));
            if (request.Status != RequestStatus.Granted)
            {
                log.Add($"{name} gave up at {sim.Now.Seconds}");
                yield break;
            }
        }
        else yield return request;
        log.Add($"{name} at {sim.Now.Seconds}");
        yield return sim.Timeout(SimTime.FromSeconds(service));
    }

    [Test]
    public void ASubclassServesTheLatestFirstAndKeepsWithdrawalAndMonitors()
    {
        var sim = new Simulation();
        var server = new LifoResource(sim) { QueueLengthMonitor = new TimeWeightedMonitor(sim, "queue", "requests", "waiting") };
        var log = new List<string>();
        sim.Process(Customer(sim, server, "a", 0, 10, log));
        sim.Process(Customer(sim, server, "b", 1, 1, log));
        sim.Process(Customer(sim, server, "c", 2, 1, log, patience: 3));   // gives up at t = 5, never served
        sim.Process(Customer(sim, server, "d", 3, 1, log));
        sim.Run();
        Assert.That(log, Is.EqualTo(new[] { "a at 0", "c gave up at 5", "d at 10", "b at 11" }));
        Assert.That(server.QueueLength, Is.Zero);
        Assert.That(server.QueueLengthMonitor!.Max, Is.EqualTo(3));
    }
}
