using NodeSim.Models;

namespace NodeSim.Tests.Models;

public class BoundedCacheTests
{
    [Test]
    public void ComputesEachKeyOnceAndKeepsAtMostItsCapacityOldestFirstOut()
    {
        var computed = new List<int>();
        var cache = new BoundedCache<int, string>(2, k => { computed.Add(k); return $"v{k}"; });
        Assert.That(cache.Get(1), Is.EqualTo("v1"));
        Assert.That(cache.Get(1), Is.EqualTo("v1"));
        cache.Get(2);
        cache.Get(3);   // 1 goes
        Assert.That(cache.Count, Is.EqualTo(2));
        cache.Get(2);
        cache.Get(1);   // computed again
        Assert.That(computed, Is.EqualTo(new[] { 1, 2, 3, 1 }));
    }

    [Test]
    public void AFailedComputationIsNotKept()
    {
        var calls = 0;
        var cache = new BoundedCache<string, int>(4, _ => ++calls == 1 ? throw new IOException("transient") : calls);
        Assert.Throws<IOException>(() => cache.Get("a"));
        Assert.That(cache.Count, Is.Zero);
        Assert.That(cache.Get("a"), Is.EqualTo(2));
        Assert.That(cache.Get("a"), Is.EqualTo(2));
    }

    [Test]
    public void ConcurrentCallersShareOneComputation()
    {
        var calls = 0;
        var cache = new BoundedCache<int, int>(8, k => { Interlocked.Increment(ref calls); Thread.Sleep(20); return k; });
        Parallel.For(0, 16, _ => cache.Get(7));
        Assert.That(calls, Is.EqualTo(1));
    }
}
