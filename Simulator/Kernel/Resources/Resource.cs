using System.Runtime.InteropServices;

namespace NodeSim.Kernel;

/// <summary>
/// A pool of identical units (servers, cores) that processes request and release. Waiting requests
/// are served first-in first-out.
/// </summary>
/// <remarks>
/// <see cref="PriorityResource"/> serves them by priority, <see cref="PreemptiveResource"/> also
/// lets a better priority take a unit away from its holder. Attach monitors to observe queue
/// length, units in use and waiting times. Another queue discipline is a subclass that overrides
/// the waiting line (<see cref="Enqueue"/>, <see cref="TryDequeue"/>, <see cref="ClearLine"/>) and
/// makes requests with <see cref="Submit"/>; granting, withdrawal and monitors stay the resource's.
/// </remarks>
public class Resource
{
    private readonly List<Request> _users;
    private int _queued;

    public Resource(Simulation simulation, int capacity = 1, string? name = null)
    {
        Simulation = simulation ?? throw new ArgumentNullException(nameof(simulation));
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "a resource needs at least one unit");
        Capacity = capacity;
        Name = name ?? GetType().Name;
        _users = new List<Request>(capacity);
    }

    public Simulation Simulation { get; }
    public string Name { get; }
    public int Capacity { get; }

    /// <summary>Units in use.</summary>
    public int Count => _users.Count;

    /// <summary>Requests waiting for a unit.</summary>
    public int QueueLength => _queued;

    /// <summary>The granted requests, in the order they were granted.</summary>
    public IReadOnlyList<Request> Users => _users;

    /// <summary>Observes the number of waiting requests over time.</summary>
    public TimeWeightedMonitor? QueueLengthMonitor { get; set; }

    /// <summary>Observes the number of units in use over time (utilisation = mean / capacity).</summary>
    public TimeWeightedMonitor? InUseMonitor { get; set; }

    /// <summary>Observes each granted request's waiting time, in seconds.</summary>
    public SampleMonitor? WaitTimeMonitor { get; set; }

    /// <summary>Requests one unit.</summary>
    public Request Request() => Submit(0, preempt: false);

    /// <summary>Releases a granted unit. Releasing a request that does not hold a unit of this resource is an error.</summary>
    public void Release(Request request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ReferenceEquals(request.Resource, this))
            throw new InvalidOperationException($"the request belongs to '{request.Resource.Name}', not to '{Name}'");
        if (request.Status != RequestStatus.Granted)
            throw new InvalidOperationException($"cannot release a request of '{Name}' that is {request.Status.ToString().ToLowerInvariant()}, not granted");
        RemoveUser(request);
        request.Status = RequestStatus.Released;
        GrantWaiting();
        Observe();
    }

    /// <summary>Makes a request with <paramref name="priority"/>: granted at once when a unit is free and no one waits, else queued (or, with <paramref name="preempt"/>, it may evict a user through <see cref="TryPreemptFor"/>).</summary>
    protected Request Submit(int priority, bool preempt)
    {
        var request = new Request(this, priority, preempt);
        if (_users.Count < Capacity && _queued == 0) Grant(request);
        else if (!(preempt && TryPreemptFor(request)))
        {
            Enqueue(request);
            _queued++;
        }
        Observe();
        return request;
    }

    /// <summary>Disposal and abandonment: release if held, withdraw if queued.</summary>
    internal void Settle(Request request)
    {
        switch (request.Status)
        {
            case RequestStatus.Granted:
                Release(request);
                break;
            case RequestStatus.Queued:
                request.Status = RequestStatus.Withdrawn; // removed lazily when it reaches the head
                if (--_queued == 0) ClearLine(); // only withdrawn requests are left in the line
                GrantWaiting();
                Observe();
                break;
        }
    }

    /// <summary>Takes a unit from a worse-priority user for <paramref name="request"/>, if there is one.</summary>
    protected virtual bool TryPreemptFor(Request request) => false;

    /// <summary>Adds a request to the waiting line.</summary>
    protected virtual void Enqueue(Request request) => _fifo.Enqueue(request);

    /// <summary>Takes the next request from the waiting line (it may have been withdrawn meanwhile).</summary>
    protected virtual bool TryDequeue(out Request request) => _fifo.TryDequeue(out request!);

    /// <summary>Empties the waiting line (called when every request left in it has been withdrawn).</summary>
    protected virtual void ClearLine() => _fifo.Clear();

    private readonly Queue<Request> _fifo = new();

    private void RemoveUser(Request request)
    {
        // Users are few (the capacity): a reference scan and an in-place shift beat List.Remove's
        // virtual Equals and RemoveAt's Array.Copy call, and keep the users in the order granted.
        var users = CollectionsMarshal.AsSpan(_users);
        for (var i = 0; i < users.Length; i++)
            if (ReferenceEquals(users[i], request))
            {
                for (var j = i + 1; j < users.Length; j++) users[j - 1] = users[j];
                _users.RemoveAt(users.Length - 1); // the last: nothing to move
                return;
            }
    }

    /// <summary>Takes the unit away from <paramref name="victim"/> (it becomes preempted).</summary>
    protected void Evict(Request victim)
    {
        RemoveUser(victim);
        victim.Status = RequestStatus.Preempted;
    }

    /// <summary>Gives a unit to <paramref name="request"/> now.</summary>
    protected void Grant(Request request)
    {
        request.Status = RequestStatus.Granted;
        request.GrantedAt = Simulation.Now;
        _users.Add(request);
        WaitTimeMonitor?.Add((request.GrantedAt - request.RequestedAt).Seconds);
        request.Succeed(request);
    }

    private void GrantWaiting()
    {
        // _queued counts live requests: with none, the line holds only withdrawn ones (or nothing).
        while (_queued > 0 && _users.Count < Capacity && TryDequeue(out var next))
        {
            if (next.Status != RequestStatus.Queued) continue; // withdrawn
            _queued--;
            Grant(next);
        }
    }

    private void Observe()
    {
        QueueLengthMonitor?.Update(_queued);
        InUseMonitor?.Update(_users.Count);
    }
}

/// <summary>A <see cref="Resource"/> whose waiting requests are served by priority (lower first), FIFO within a priority.</summary>
public class PriorityResource(Simulation simulation, int capacity = 1, string? name = null) : Resource(simulation, capacity, name)
{
    private readonly PriorityQueue<Request, (int Priority, long Sequence)> _waiting = new();
    private long _enqueued; // FIFO among equal priorities: requests enter the line once, in the order made

    /// <summary>Requests one unit with <paramref name="priority"/> (lower is served first).</summary>
    public Request Request(int priority) => Submit(priority, preempt: false);

    protected override void Enqueue(Request request) => _waiting.Enqueue(request, (request.Priority, _enqueued++));

    protected override bool TryDequeue(out Request request) => _waiting.TryDequeue(out request!, out _);

    protected override void ClearLine() => _waiting.Clear();
}

/// <summary>
/// A <see cref="PriorityResource"/> where a request may take a unit away from a user of strictly
/// worse priority. The evicted user's process is interrupted with a <see cref="Preempted"/> cause
/// that says which process took the unit and since when the victim had held it.
/// </summary>
/// <remarks>
/// The victim is the user with the worst priority; among equals, the one granted last (it has
/// done the least work). A preempted request is no longer held: disposing it does nothing, and
/// the process re-requests if it wants to resume.
/// </remarks>
public sealed class PreemptiveResource(Simulation simulation, int capacity = 1, string? name = null) : PriorityResource(simulation, capacity, name)
{
    /// <summary>Requests one unit with <paramref name="priority"/>; it may evict a worse-priority user.</summary>
    public new Request Request(int priority) => Submit(priority, preempt: true);

    /// <summary>Requests one unit with <paramref name="priority"/>; if <paramref name="preempt"/>, it may evict a worse-priority user.</summary>
    public Request Request(int priority, bool preempt) => Submit(priority, preempt);

    protected override bool TryPreemptFor(Request request)
    {
        Request? victim = null;
        foreach (var user in Users)
            if (victim is null || user.Priority > victim.Priority ||
                (user.Priority == victim.Priority && user.GrantedAt >= victim.GrantedAt))
                victim = user;
        if (victim is null || victim.Priority <= request.Priority) return false;
        Evict(victim);
        if (victim.Owner is { IsAlive: true } owner && !ReferenceEquals(owner, Simulation.ActiveProcess))
            owner.Interrupt(new Preempted(request.Owner, victim.GrantedAt, this));
        Grant(request);
        return true;
    }
}
