namespace NodeSim.Kernel;

/// <summary>A put into a store: succeeds when the item has been stored.</summary>
public sealed class StorePut : QueuedOperation
{
    internal StorePut(Simulation simulation, object? item, int priority, Action<StorePut> withdraw) : base(simulation)
    {
        Item = item;
        ItemPriority = priority;
        _withdraw = withdraw;
    }

    private readonly Action<StorePut> _withdraw;

    public object? Item { get; }
    internal int ItemPriority { get; }

    private protected override void Withdraw() => _withdraw(this);
}

/// <summary>A get from a store: succeeds with the item taken.</summary>
public sealed class StoreGet<T> : QueuedOperation
{
    internal StoreGet(Simulation simulation, Func<T, bool>? filter, Action<StoreGet<T>> withdraw) : base(simulation)
    {
        Filter = filter;
        _withdraw = withdraw;
    }

    private readonly Action<StoreGet<T>> _withdraw;

    /// <summary>Only items for which this is true can satisfy the get (null: any item).</summary>
    public Func<T, bool>? Filter { get; }

    /// <summary>The item taken. Only valid once the get has succeeded.</summary>
    public T Item => IsTriggered && Ok ? (T)Value! : throw new InvalidOperationException("the get has not succeeded; it has no item yet");

    private protected override void Withdraw() => _withdraw(this);
}

/// <summary>
/// The shared mechanics of stores: a bounded buffer of items, puts that wait for space and gets
/// that wait for an item, each served in the order they were made.
/// </summary>
public abstract class StoreBase<T>
{
    private readonly LinkedList<StorePut> _puts = new();
    private readonly LinkedList<StoreGet<T>> _gets = new();
    private readonly Action<StorePut> _withdrawPut;
    private readonly Action<StoreGet<T>> _withdrawGet;

    protected StoreBase(Simulation simulation, int capacity, string? name)
    {
        _withdrawPut = p => _puts.Remove(p);
        _withdrawGet = g => _gets.Remove(g);
        Simulation = simulation ?? throw new ArgumentNullException(nameof(simulation));
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "a store holds at least one item");
        Capacity = capacity;
        Name = name ?? GetType().Name;
    }

    public Simulation Simulation { get; }
    public string Name { get; }
    public int Capacity { get; }

    /// <summary>Items held now.</summary>
    public abstract int Count { get; }

    public int PendingPuts => _puts.Count;
    public int PendingGets => _gets.Count;

    /// <summary>Observes the number of items held over time.</summary>
    public TimeWeightedMonitor? CountMonitor { get; set; }

    /// <summary>Adds an item to the buffer (there is room).</summary>
    protected abstract void Add(T item, int priority);

    /// <summary>Removes the next item that <paramref name="filter"/> accepts (any item if null).</summary>
    protected abstract bool TryTake(Func<T, bool>? filter, out T item);

    /// <summary>Whether a get that finds no item blocks the gets behind it (true except for filter stores).</summary>
    protected virtual bool GetsInStrictOrder => true;

    private protected StorePut PutCore(T item, int priority)
    {
        var put = new StorePut(Simulation, item, priority, _withdrawPut);
        _puts.AddLast(put);
        Balance();
        return put;
    }

    private protected StoreGet<T> GetCore(Func<T, bool>? filter)
    {
        var get = new StoreGet<T>(Simulation, filter, _withdrawGet);
        _gets.AddLast(get);
        Balance();
        return get;
    }

    /// <summary>Serves waiting puts and gets until neither can proceed.</summary>
    private void Balance()
    {
        bool progress;
        do
        {
            progress = false;
            while (_puts.First is { } node && Count < Capacity)
            {
                _puts.RemoveFirst();
                Add((T)node.Value.Item!, node.Value.ItemPriority);
                node.Value.Succeed();
                progress = true;
            }
            for (var node = _gets.First; node is not null && Count > 0;)
            {
                var next = node.Next;
                if (TryTake(node.Value.Filter, out var item))
                {
                    _gets.Remove(node);
                    node.Value.Succeed(item);
                    progress = true;
                }
                else if (GetsInStrictOrder) break;
                node = next;
            }
        } while (progress && _puts.Count > 0 && Count < Capacity);
        CountMonitor?.Update(Count);
    }
}

/// <summary>A FIFO buffer of items with a capacity.</summary>
public sealed class Store<T>(Simulation simulation, int capacity = int.MaxValue, string? name = null) : StoreBase<T>(simulation, capacity, name)
{
    private readonly Queue<T> _items = new();

    public override int Count => _items.Count;
    public IReadOnlyCollection<T> Items => _items;

    /// <summary>Puts an item; succeeds when there is room.</summary>
    public StorePut Put(T item) => PutCore(item, 0);

    /// <summary>Takes the oldest item; succeeds when there is one.</summary>
    public StoreGet<T> Get() => GetCore(null);

    protected override void Add(T item, int priority) => _items.Enqueue(item);

    protected override bool TryTake(Func<T, bool>? filter, out T item) => _items.TryDequeue(out item!);
}

/// <summary>
/// A store whose gets name a filter: each get takes the oldest item it accepts. A get with no
/// acceptable item waits without blocking later gets.
/// </summary>
public sealed class FilterStore<T>(Simulation simulation, int capacity = int.MaxValue, string? name = null) : StoreBase<T>(simulation, capacity, name)
{
    private readonly List<T> _items = new();

    public override int Count => _items.Count;
    public IReadOnlyList<T> Items => _items;

    public StorePut Put(T item) => PutCore(item, 0);

    /// <summary>Takes the oldest item that <paramref name="filter"/> accepts.</summary>
    public StoreGet<T> Get(Func<T, bool> filter) => GetCore(filter ?? throw new ArgumentNullException(nameof(filter)));

    /// <summary>Takes the oldest item.</summary>
    public StoreGet<T> Get() => GetCore(null);

    protected override bool GetsInStrictOrder => false;

    protected override void Add(T item, int priority) => _items.Add(item);

    protected override bool TryTake(Func<T, bool>? filter, out T item)
    {
        for (var i = 0; i < _items.Count; i++)
        {
            if (filter is not null && !filter(_items[i])) continue;
            item = _items[i];
            _items.RemoveAt(i);
            return true;
        }
        item = default!;
        return false;
    }
}

/// <summary>A store whose gets take the item of lowest priority value first; FIFO among equal priorities.</summary>
public sealed class PriorityStore<T>(Simulation simulation, int capacity = int.MaxValue, string? name = null) : StoreBase<T>(simulation, capacity, name)
{
    private readonly PriorityQueue<T, (int Priority, long Sequence)> _items = new();
    private long _sequence;

    public override int Count => _items.Count;

    /// <summary>Puts an item with <paramref name="priority"/> (lower is taken first).</summary>
    public StorePut Put(T item, int priority) => PutCore(item, priority);

    public StoreGet<T> Get() => GetCore(null);

    protected override void Add(T item, int priority) => _items.Enqueue(item, (priority, _sequence++));

    protected override bool TryTake(Func<T, bool>? filter, out T item) => _items.TryDequeue(out item!, out _);
}
