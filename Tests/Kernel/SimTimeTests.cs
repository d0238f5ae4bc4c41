using NodeSim.Kernel;

namespace NodeSim.Tests.Kernel;

public class SimTimeTests
{
    [Test]
    public void ConversionsRoundToTheNearestNanosecond()
    {
        Assert.That(SimTime.FromSeconds(1.5).Nanoseconds, Is.EqualTo(1_500_000_000));
        Assert.That(SimTime.FromMicroseconds(2.5).Nanoseconds, Is.EqualTo(2_500));
        Assert.That(SimTime.FromMilliseconds(0.001).Nanoseconds, Is.EqualTo(1_000));
        Assert.That(SimTime.FromSeconds(1e-10).Nanoseconds, Is.Zero);
        Assert.That(SimTime.FromSeconds(6e-10).Nanoseconds, Is.EqualTo(1));
        Assert.That(SimTime.FromSeconds(2.25).Seconds, Is.EqualTo(2.25));
        Assert.That(SimTime.FromMicroseconds(7).Microseconds, Is.EqualTo(7.0));
    }

    [Test]
    public void CyclesConvertAtTheClockFrequency()
    {
        // 1,152 cycles at 1.152 GHz (a Cortex-A53 of the Pine A64) last exactly 1 µs.
        Assert.That(SimTime.FromCycles(1152, 1.152e9).Nanoseconds, Is.EqualTo(1000));
        Assert.That(SimTime.FromMicroseconds(1).ToCycles(1.152e9), Is.EqualTo(1152).Within(1e-9));
        Assert.That(() => SimTime.FromCycles(10, 0), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void ArithmeticAndComparisonWork()
    {
        var a = SimTime.FromNanoseconds(5);
        var b = SimTime.FromNanoseconds(7);
        Assert.That((a + b).Nanoseconds, Is.EqualTo(12));
        Assert.That((b - a).Nanoseconds, Is.EqualTo(2));
        Assert.That(a < b && b > a && a <= SimTime.FromNanoseconds(5) && b >= SimTime.FromNanoseconds(7), Is.True);
        Assert.That((a * 3).Nanoseconds, Is.EqualTo(15));
        Assert.That(SimTime.FromNanoseconds(1_000_000_250).ToString(), Is.EqualTo("1.000000250 s"));
    }

    [Test]
    public void NonFiniteOrHugeTimesAreRejected()
    {
        Assert.That(() => SimTime.FromSeconds(double.NaN), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => SimTime.FromSeconds(1e12), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => SimTime.MaxValue + SimTime.FromNanoseconds(1), Throws.TypeOf<OverflowException>());
    }
}
