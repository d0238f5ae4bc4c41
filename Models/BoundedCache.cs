using System.Collections.Concurrent;

namespace NodeSim.Models;

/// <summary>
/// A memo of a deterministic computation, safe for concurrent use: each value is computed once, by
/// whichever thread asks first; at most <see cref="Capacity"/> values are kept (the oldest added go
/// first); a computation that throws is not kept, so the next caller tries again. Because the
/// computation is deterministic, what the cache holds changes only the time taken, never a result.
/// </summary>
public sealed class BoundedCache<TKey, TValue>(int capacity, Func<TKey, TValue> compute) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Lazy<TValue>> _values = new();
    private readonly ConcurrentQueue<TKey> _added = new();

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "a cache holds at least one value");

    /// <summary>Values held now.</summary>
    public int Count => _values.Count;

    public TValue Get(TKey key)
    {
        if (!_values.TryGetValue(key, out var lazy))
        {
            var mine = new Lazy<TValue>(() => compute(key), LazyThreadSafetyMode.ExecutionAndPublication);
            lazy = _values.GetOrAdd(key, mine);
            if (ReferenceEquals(lazy, mine))
            {
                _added.Enqueue(key);
                while (_values.Count > Capacity && _added.TryDequeue(out var oldest)) _values.TryRemove(oldest, out _);
            }
        }
        try
        {
            return lazy.Value;
        }
        catch
        {
            _values.TryRemove(KeyValuePair.Create(key, lazy));
            throw;
        }
    }
}
