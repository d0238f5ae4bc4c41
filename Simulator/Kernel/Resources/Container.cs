namespace NodeSim.Kernel;

/// <summary>A put into or a get from a <see cref="Container"/>: succeeds when the amount has moved.</summary>
public sealed class ContainerOperation : QueuedOperation
{
    private readonly Container _container;

    internal ContainerOperation(Container container, double amount, bool isPut) : base(container.Simulation)
    {
        _container = container;
        Amount = amount;
        IsPut = isPut;
    }

    public double Amount { get; }
    public bool IsPut { get; }

    private protected override void Withdraw() => _container.Withdraw(this);
}

/// <summary>
/// A continuous or discrete quantity (memory, tokens, energy) between zero and a capacity. Gets
/// wait until enough is there, puts until there is room; each kind is served strictly in order.
/// </summary>
public sealed class Container
{
    private readonly LinkedList<ContainerOperation> _puts = new();
    private readonly LinkedList<ContainerOperation> _gets = new();

    public Container(Simulation simulation, double capacity = double.MaxValue, double initialLevel = 0, string? name = null)
    {
        Simulation = simulation ?? throw new ArgumentNullException(nameof(simulation));
        if (!(capacity > 0)) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "capacity must be positive");
        if (initialLevel < 0 || initialLevel > capacity || double.IsNaN(initialLevel))
            throw new ArgumentOutOfRangeException(nameof(initialLevel), initialLevel, $"the initial level must lie in [0, {capacity}]");
        Capacity = capacity;
        Level = initialLevel;
        Name = name ?? nameof(Container);
    }

    public Simulation Simulation { get; }
    public string Name { get; }
    public double Capacity { get; }
    public double Level { get; private set; }

    /// <summary>Observes the level over time.</summary>
    public TimeWeightedMonitor? LevelMonitor { get; set; }

    public ContainerOperation Put(double amount) => Enqueue(_puts, amount, isPut: true);

    public ContainerOperation Get(double amount) => Enqueue(_gets, amount, isPut: false);

    internal void Withdraw(ContainerOperation operation)
    {
        (operation.IsPut ? _puts : _gets).Remove(operation);
        Balance();
    }

    private ContainerOperation Enqueue(LinkedList<ContainerOperation> queue, double amount, bool isPut)
    {
        if (!(amount > 0) || amount > Capacity)
            throw new ArgumentOutOfRangeException(nameof(amount), amount, $"an amount must lie in (0, {Capacity}]");
        var operation = new ContainerOperation(this, amount, isPut);
        queue.AddLast(operation);
        Balance();
        return operation;
    }

    private void Balance()
    {
        bool progress;
        do
        {
            progress = false;
            while (_puts.First is { } put && Level + put.Value.Amount <= Capacity)
            {
                _puts.RemoveFirst();
                Level += put.Value.Amount;
                put.Value.Succeed(put.Value.Amount);
                progress = true;
            }
            while (_gets.First is { } get && Level >= get.Value.Amount)
            {
                _gets.RemoveFirst();
                Level -= get.Value.Amount;
                get.Value.Succeed(get.Value.Amount);
                progress = true;
            }
        } while (progress);
        LevelMonitor?.Update(Level);
    }
}
